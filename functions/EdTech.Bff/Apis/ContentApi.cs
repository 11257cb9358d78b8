using EdTech.Application.Content.Tagging;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        api.MapPost("/tagging-jobs", StartTaggingJob).Accepts<StartTaggingJobCommand>("application/json")
            .Produces<TaggingJobAccepted>(StatusCodes.Status202Accepted);
        api.MapGet("/tagging-jobs/{jobId}", GetTaggingJob).Produces<TaggingJobView>();
        api.MapGet("/tagging/budget", GetTaggingBudget).Produces<TaggingBudgetView>();
        return api;
    }

    private static async Task<IResult> StartTaggingJob(HttpRequest request, StartTaggingJobHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<StartTaggingJobCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), body!, request.HttpContext.RequestAborted);
        return outcome.Problem is { } problem
            ? Problems.Of(problem)
            : TypedResults.Accepted($"/api/content/tagging-jobs/{outcome.Value!.JobId}", outcome.Value);
    }

    /// <summary>Progress and one page of the job's items: <c>?limit=</c> (default 50, at most 200) and <c>?next=</c>, as other lists page.</summary>
    private static async Task<IResult> GetTaggingJob(string jobId, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, GetTaggingJobHandler handler)
    {
        context.Response.Headers.CacheControl = "no-store";
        return OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), jobId, limit, next, context.RequestAborted));
    }

    /// <summary>The caller's tenant's chat-model token budget this month (an addition to the contract: docs/genai.md).</summary>
    private static async Task<IResult> GetTaggingBudget(HttpContext context, TaggingTokenBudget budget)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await budget.ReadAsync(context.GetCaller().Tenant, context.RequestAborted));
    }
}
