using EdTech.Application.Common;
using EdTech.Application.Grading.Review;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EdTech.Bff.Apis;

/// <summary>Teacher review and grading (mapped in <see cref="TeacherApi"/>): the submission with its ETag, the review queue, grading with If-Match.</summary>
public static class TeacherReviewApi
{
    public static async Task<IResult> GetSubmission(string submissionId, HttpContext context, GetTeacherSubmissionHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), submissionId, context.RequestAborted));

    public static async Task<IResult> GetReviewQueue(HttpContext context, GetReviewQueueHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), context.RequestAborted));

    public static async Task<IResult> Grade(string submissionId, HttpRequest request, GradeSubmissionHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<GradeSubmissionCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString();
        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), submissionId, body!, ifMatch.Length == 0 ? null : ifMatch, request.HttpContext.RequestAborted);
        return WithETag(request.HttpContext, outcome);
    }

    private static IResult WithETag(HttpContext context, Outcome<TeacherSubmission> outcome)
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
