using System.Collections.Concurrent;
using System.Diagnostics;
using EdTech.Bff.Apis;
using EdTech.Bff.Composition;
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
public sealed class RolePipelines(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _pipelines = new(StringComparer.Ordinal);

    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSingleton<RolePipelines>();
    }

    public Task RunAsync(string group, HttpContext context)
    {
        // The worker has already set the function's own endpoint; clear it or routing skips matching.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return _pipelines.GetOrAdd(group, Build)(context);
    }

    private RequestDelegate Build(string group)
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
            else if (group == "health")
            {
                endpoints.MapHealth();
            }
            else
            {
                endpoints.MapOpenApiDocuments();
            }
        });
        return app.Build();
    }
}
