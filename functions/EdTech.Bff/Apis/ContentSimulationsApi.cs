using System.Globalization;
using EdTech.Application.Common;
using EdTech.Application.Content.Simulations;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// Curriculum-change simulations for content authors and tenant admins: under /api/content (both roles, mapped in
/// <see cref="ContentApi"/>) and under /api/admin (tenant admins, mapped in <see cref="AdminApi"/>, as the contract also
/// lists them there). Same handlers and records: a simulation started on one prefix is readable on the other.
/// </summary>
public static class ContentSimulationsApi
{
    public static RouteGroupBuilder MapContentSimulations(this IEndpointRouteBuilder routes) => Map(routes.MapRoleGroup("content"), "/api/content");

    public static RouteGroupBuilder MapAdminSimulations(this IEndpointRouteBuilder routes) => Map(routes.MapRoleGroup("admin"), "/api/admin");

    private static RouteGroupBuilder Map(RouteGroupBuilder api, string prefix)
    {
        api.MapPost("/simulations", (HttpRequest request, StartSimulationHandler handler) => StartSimulation(request, handler, prefix))
            .Accepts<StartSimulationCommand>("application/json")
            .Produces<SimulationAccepted>(StatusCodes.Status202Accepted);
        api.MapGet("/simulations/{simulationId}", GetSimulation).Produces<SimulationView>()
            .Produces<string>(StatusCodes.Status200OK, SimulationSvg.ContentType);
        return api;
    }

    private static async Task<IResult> StartSimulation(HttpRequest request, StartSimulationHandler handler, string prefix)
    {
        var (body, error) = await JsonBody.ReadAsync<StartSimulationCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), body!, request.HttpContext.RequestAborted);
        if (outcome.Problem is { Kind: ProblemKind.TooManyRequests } busy)
        {
            request.HttpContext.Response.Headers.RetryAfter = (busy.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
            Limits.RateLimitRejection.Throttled(request.HttpContext, "simulation");
            return Problems.Status(StatusCodes.Status429TooManyRequests, ProblemTypes.Of("simulation-quota"), busy.Title, busy.Detail);
        }

        return outcome.Problem is { } problem
            ? Problems.Of(problem)
            : TypedResults.Accepted($"{prefix}/simulations/{outcome.Value!.Id}", outcome.Value);
    }

    /// <summary>JSON by default; a completed simulation as an SVG chart when the client accepts <c>image/svg+xml</c> (and not JSON first).</summary>
    private static async Task<IResult> GetSimulation(string simulationId, HttpContext context, GetSimulationHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        var outcome = await handler.HandleAsync(context.GetCaller(), simulationId, context.RequestAborted);
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        var record = outcome.Value!;
        if (record.Result is { } result && record.Status == Application.Records.SimulationStatus.Completed && AnalyticsApi.WantsSvg(context.Request))
        {
            return TypedResults.Text(SimulationSvg.Render(result, $"Simulation {record.Id} of {record.CourseId}: baseline vs proposal"), SimulationSvg.ContentType);
        }

        return TypedResults.Ok(SimulationView.From(record));
    }
}
