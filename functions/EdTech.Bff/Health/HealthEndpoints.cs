using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdTech.Bff.Health;

/// <summary>
/// Liveness and readiness, anonymous (AccessTable). <c>GET /api/health</c> is liveness: the process serves requests, nothing
/// else is checked, so a slow store or a lagging feed never gets a live instance restarted. <c>GET /api/health/ready</c> runs
/// the checks tagged <see cref="ReadyTag"/> (store, durable engine, change-feed lag): 200 when all pass, 503 otherwise, with
/// each check's status and a short reason (no data, no exception text beyond its type).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddEdTechHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = HealthSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag], timeout: settings.CheckTimeout)
            .AddCheck<DurableEngineHealthCheck>("durable", tags: [ReadyTag], timeout: settings.CheckTimeout)
            .AddCheck<ChangeFeedLagHealthCheck>("changefeed-lag", tags: [ReadyTag], timeout: settings.CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", () => TypedResults.Ok(new { status = "ok" })).FromAccessTable().ExcludeFromDescription();
        routes.MapGet("/api/health/ready", ReadyAsync).FromAccessTable().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ReadyAsync(HealthCheckService health, HttpContext context)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), context.RequestAborted);
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "not-ready",
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(body, statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
