using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>A teacher's read and versioned edit of one assessment: the ETag on read, If-Match on edit.</summary>
public static class TeacherAssessmentApi
{
    public static RouteGroupBuilder MapTeacherAssessmentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapGet("/courses/{courseId}/assessments/{assessmentId}", Get);
        api.MapPut("/courses/{courseId}/assessments/{assessmentId}", Update);
        return api;
    }

    private static async Task<Results<Ok<TeacherAssessmentView>, ProblemHttpResult>> Get(
        string courseId, string assessmentId, HttpContext context, GetTeacherAssessmentHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, assessmentId, context.RequestAborted), isEdit: false);

    private static async Task<Results<Ok<TeacherAssessmentView>, ProblemHttpResult>> Update(
        string courseId, string assessmentId, [BodyLimit(TeacherApi.MaxAssessmentBytes)] Json<CreateAssessmentCommand> body,
        [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, UpdateAssessmentHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), courseId, assessmentId, body.Value with { CourseId = courseId },
            string.IsNullOrEmpty(ifMatch) ? null : ifMatch, context.RequestAborted);
        return WithETag(context, outcome, isEdit: true);
    }

    private static Results<Ok<TeacherAssessmentView>, ProblemHttpResult> WithETag(HttpContext context, Outcome<TeacherAssessment> outcome, bool isEdit)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        context.Response.Headers.ETag = outcome.Value!.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(TeacherAssessmentView.Of(outcome.Value.Record, isEdit ? outcome.Value.Regrading : null));
    }
}
