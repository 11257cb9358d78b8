using EdTech.Application.Common;
using EdTech.Application.Lists.Content;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// The content lists: tagging jobs (content authors) and simulations (content authors and tenant admins, also under
/// /api/admin as the single reads are), paged as every list (docs/api-lists.md).
/// </summary>
public static class ContentListsApi
{
    public static RouteGroupBuilder MapContentLists(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapGet("/tagging-jobs", TaggingJobs);
        return MapSimulationList(api);
    }

    /// <summary>The simulations list on the tenant-admin surface, as the single reads are.</summary>
    public static RouteGroupBuilder MapAdminSimulationList(this IEndpointRouteBuilder routes) => MapSimulationList(routes.MapRoleGroup("admin"));

    private static RouteGroupBuilder MapSimulationList(RouteGroupBuilder api)
    {
        api.MapGet("/simulations", Simulations);
        return api;
    }

    private static async Task<Results<Ok<Page<TaggingJobSummary>>, NotModified, ProblemHttpResult>> TaggingJobs(
        [FromQuery] string? status, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListTaggingJobsHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), status, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<SimulationListItem>>, NotModified, ProblemHttpResult>> Simulations(
        [FromQuery] string? status, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListSimulationsHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), status, limit, next, context.RequestAborted));
}
