using EdTech.Bff.Apis;
using EdTech.Bff.Composition;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>One HTTP route as a role group maps it, with its <see cref="AccessTable"/> row.</summary>
public sealed record MappedRoute(string Role, string Method, string Pattern, AccessRule Rule);

/// <summary>
/// The composition both hosts use (<see cref="EdTechServiceCollectionExtensions.AddEdTech"/>), registered but never started:
/// its service registrations say which class implements an interface (for following dependencies), and its role groups,
/// mapped over it, give the routes. Nothing opens a store or a connection: no service is resolved except what building the
/// endpoints needs.
/// </summary>
public sealed class Composition : IDisposable
{
    private readonly ServiceProvider _provider;

    public Composition()
    {
        Services = new ServiceCollection();
        Services.AddLogging();
        // The data folder is never created: the store would only open it when resolved.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data"] = Path.Combine(Path.GetTempPath(), "edtech-docs-generate-unused"),
        }).Build();
        Services.AddEdTech(configuration);
        _provider = Services.BuildServiceProvider();
    }

    public IServiceCollection Services { get; }

    /// <summary>
    /// Each role group's routes. The route list is in no catalog: a group is code (<see cref="EdTechApi.RoleGroups"/>) that maps
    /// endpoints, so this maps each group the way the Functions app's role pipeline does (one group per endpoint builder) and
    /// reads the built endpoints, as the access-matrix test does. Sorted by pattern then method.
    /// </summary>
    public IReadOnlyList<MappedRoute> Routes()
    {
        var routes = new List<MappedRoute>();
        foreach (var (role, map) in EdTechApi.RoleGroups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var builder = new EndpointCollector(_provider);
            map(builder);
            foreach (var endpoint in builder.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
            {
                var rule = endpoint.Metadata.GetMetadata<AccessRule>()
                    ?? throw new InvalidOperationException($"{endpoint.RoutePattern.RawText} has no AccessTable row.");
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                {
                    routes.Add(new MappedRoute(role, method, endpoint.RoutePattern.RawText ?? string.Empty, rule));
                }
            }
        }

        return [.. routes.OrderBy(r => r.Role, StringComparer.Ordinal).ThenBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    /// <summary>The class registered for <paramref name="service"/> by type (factory registrations are followed by <see cref="CodeReach"/> through their IL).</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations(Type service) => [.. Services.Where(d => d.ServiceType == service && !d.IsKeyedService)];

    public void Dispose() => _provider.Dispose();

    private sealed class EndpointCollector(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
