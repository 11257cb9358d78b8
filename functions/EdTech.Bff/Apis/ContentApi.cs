using EdTech.Application.Content.Tagging;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>The content team's BFF: tagging jobs (suggested skills and difficulty, kept apart from the teacher's skills) and the skill taxonomy.</summary>
public static class ContentApi
{
    /// <summary>The content team's BFF: tagging jobs, the skill taxonomy and flagged items.</summary>
    public static RouteGroupBuilder MapContentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("content");
        api.MapPost("/tagging-jobs", StartTaggingJob);
        api.MapGet("/tagging-jobs/{jobId}", GetTaggingJob);
        api.MapGet("/tagging/budget", GetTaggingBudget);
        return api;
    }

    private static async Task<Results<Accepted<TaggingJobAccepted>, ProblemHttpResult>> StartTaggingJob(
        Json<StartTaggingJobCommand> body, HttpContext context, StartTaggingJobHandler handler) =>
        OutcomeResults.Accepted(await handler.HandleAsync(context.GetCaller(), body.Value, context.RequestAborted), j => $"/api/content/tagging-jobs/{j.JobId}");

    /// <summary>Progress and one page of the job's items: <c>?limit=</c> (default 50, at most 200) and <c>?next=</c>, as other lists page.</summary>
    private static async Task<Results<Ok<TaggingJobView>, ProblemHttpResult>> GetTaggingJob(string jobId, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, GetTaggingJobHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), jobId, limit, next, context.RequestAborted));
    }

    /// <summary>The caller's tenant's chat-model token budget this month (an addition to the contract: docs/genai.md).</summary>
    private static async Task<Ok<TaggingBudgetView>> GetTaggingBudget(HttpContext context, TaggingTokenBudget budget)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await budget.ReadAsync(context.GetCaller().Tenant, context.RequestAborted));
    }
}
