using EdTech.Application.Analytics;
using EdTech.Application.Usage;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace EdTech.Bff.Apis;

/// <summary>Insight routes: the ranked improvement list, the heatmap and daily usage for teachers of a course (mapped in <see cref="TeacherApi"/>) and for the content team (mapped in <see cref="ContentApi"/>).</summary>
public static class AnalyticsApi
{
    public static RouteGroupBuilder MapContentAnalytics(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/analytics/improvements", GetImprovements);
        MapHeatmap(api);
        MapUsage(api);
        return api;
    }

    public static RouteGroupBuilder MapTeacherAnalytics(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        // An addition to the contract: the content team's improvement list for a course the caller teaches.
        api.MapGet("/courses/{courseId}/analytics/improvements", GetCourseImprovements);
        MapHeatmap(api);
        MapUsage(api);
        return api;
    }

    /// <summary>The tenant admin's analytics settings (k, the smallest shown heatmap cell): GET and PUT /api/admin/settings/analytics.</summary>
    public static RouteGroupBuilder MapAdminAnalyticsSettings(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("admin");
        api.MapGet("/settings/analytics", GetSettings);
        api.MapPut("/settings/analytics", PutSettings);
        return api;
    }

    private static async Task<Results<Ok<AnalyticsSettingsView>, ProblemHttpResult>> GetSettings(HttpContext context, AnalyticsSettings settings) =>
        OutcomeResults.Ok(await settings.GetAsync(context.GetCaller(), context.RequestAborted));

    private static async Task<Results<Ok<AnalyticsSettingsView>, ProblemHttpResult>> PutSettings(Json<SetAnalyticsSettingsCommand> body, HttpContext context, AnalyticsSettings settings) =>
        OutcomeResults.Ok(await settings.SetAsync(context.GetCaller(), body.Value, context.RequestAborted));

    private static void MapUsage(RouteGroupBuilder api)
    {
        api.MapGet("/courses/{courseId}/analytics/usage", GetUsage);
        api.MapGet("/courses/{courseId}/analytics/usage/modules", GetModuleUsage);
    }

    private static async Task<Results<Ok<ModuleUsage>, ProblemHttpResult>> GetModuleUsage(string courseId, HttpContext context, GetModuleUsageHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<Results<Ok<CourseUsage>, ProblemHttpResult>> GetUsage(string courseId, string? from, string? to, HttpContext context, GetCourseUsageHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, from, to, context.RequestAborted));

    private static void MapHeatmap(RouteGroupBuilder api) =>
        api.MapGet("/courses/{courseId}/analytics/heatmap", GetHeatmap).Produces<Heatmap>().Produces<string>(StatusCodes.Status200OK, HeatmapSvg.ContentType);

    private static async Task<Results<Ok<Improvements>, ProblemHttpResult>> GetImprovements(string? courseId, HttpContext context, GetImprovementsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    private static async Task<Results<Ok<Improvements>, ProblemHttpResult>> GetCourseImprovements(string courseId, HttpContext context, GetImprovementsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));

    /// <summary>JSON by default; the same data as an SVG document when the client accepts <c>image/svg+xml</c> (and not JSON first).</summary>
    private static async Task<IResult> GetHeatmap(string courseId, string? kind, HttpContext context, GetHeatmapHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), courseId, kind, context.RequestAborted);
        if (outcome.Problem is null && WantsSvg(context.Request))
        {
            return TypedResults.Text(HeatmapSvg.Render(outcome.Value!, HeatmapSvg.TitleFor(courseId, outcome.Value!.Kind)), HeatmapSvg.ContentType);
        }

        return OutcomeResults.Ok(outcome);
    }

    internal static bool WantsSvg(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var svg = accept.Where(a => a.MediaType.Equals(HeatmapSvg.ContentType, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var json = accept.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        return svg > 0 && svg >= json;
    }
}
