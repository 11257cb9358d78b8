using EdTech.Application.Common;
using EdTech.Application.Grading.Review;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Teacher review and grading: the submission with its ETag, the review queue, grading with If-Match.</summary>
public static class TeacherReviewApi
{
    public static RouteGroupBuilder MapTeacherReviewApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapGet("/submissions/{submissionId}", GetSubmission);
        api.MapGet("/review-queue", GetReviewQueue);
        api.MapPost("/submissions/{submissionId}/grades", Grade).WithSummary("Grade a submission (manual items, overrides)");
        return api;
    }

    private static async Task<Results<Ok<TeacherSubmissionView>, ProblemHttpResult>> GetSubmission(string submissionId, HttpContext context, GetTeacherSubmissionHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), submissionId, context.RequestAborted));

    private static async Task<Results<Ok<ReviewQueue>, ProblemHttpResult>> GetReviewQueue(HttpContext context, GetReviewQueueHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), context.RequestAborted));

    private static async Task<Results<Ok<TeacherSubmissionView>, ProblemHttpResult>> Grade(
        string submissionId, Json<GradeSubmissionCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, GradeSubmissionHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), submissionId, body.Value, string.IsNullOrEmpty(ifMatch) ? null : ifMatch, context.RequestAborted));

    private static Results<Ok<TeacherSubmissionView>, ProblemHttpResult> WithETag(HttpContext context, Outcome<TeacherSubmission> outcome)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        context.Response.Headers.ETag = outcome.Value!.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(outcome.Value.View);
    }
}
