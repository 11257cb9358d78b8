using System.Collections.Frozen;
using System.Diagnostics;
using EdTech.Bff.Apis;
using EdTech.Bff.Composition;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.Functions.Http;

/// <summary>
/// Each role's ASP.NET Core pipeline (routing, the shared middleware, that role's endpoints), built
/// once and run inside the role's HTTP function on the request's HttpContext. The routes are the
/// same route groups the LocalHost maps; nothing is declared twice.
/// </summary>
public sealed class RolePipelines
{
    public const string Health = "health";
    public const string OpenApi = "openapi";

    private readonly FrozenDictionary<string, RequestDelegate> _pipelines;

    public RolePipelines(IServiceProvider services)
    {
        // All at once, not lazily per group: UseEndpoints also adds each pipeline's endpoints to the
        // global RouteOptions data sources, which the OpenAPI documents are generated from (and the API
        // explorer caches). Built lazily, /api/openapi/student.json served before any student request
        // would list no paths.
        _pipelines = Groups.ToFrozenDictionary(group => group, group => Build(services, group), StringComparer.Ordinal);
    }

    /// <summary>Every pipeline an HTTP function runs: the role groups, health and the OpenAPI documents.</summary>
    public static IReadOnlyList<string> Groups { get; } = [.. EdTechApi.RoleGroups.Keys, Health, OpenApi];

    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSingleton<RolePipelines>();
    }

    public Task RunAsync(string group, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_pipelines.TryGetValue(group, out var pipeline))
        {
            throw new ArgumentOutOfRangeException(nameof(group), group, "No such pipeline.");
        }

        // The worker has already set the function's own endpoint; clear it or routing skips matching.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return pipeline(context);
    }

    private static RequestDelegate Build(IServiceProvider services, string group)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseEdTechRequestPipeline();
        app.UseEndpoints(endpoints =>
        {
            if (EdTechApi.RoleGroups.TryGetValue(group, out var map))
            {
                map(endpoints);
            }
            else if (group == Health)
            {
                endpoints.MapHealth();
            }
            else
            {
                endpoints.MapOpenApiDocuments();
            }

            endpoints.EnsureAccessTableCoversEndpoints();
        });
        return app.Build();
    }
}
