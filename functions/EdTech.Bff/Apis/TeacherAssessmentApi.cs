using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EdTech.Bff.Apis;

/// <summary>A teacher's read and versioned edit of one assessment (mapped in <see cref="TeacherApi"/>): the ETag on read, If-Match on edit.</summary>
public static class TeacherAssessmentApi
{
    public static async Task<IResult> Get(string courseId, string assessmentId, HttpContext context, GetTeacherAssessmentHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), courseId, assessmentId, context.RequestAborted), isEdit: false);

    public static async Task<IResult> Update(string courseId, string assessmentId, HttpRequest request, UpdateAssessmentHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateAssessmentCommand>(request, TeacherApi.MaxAssessmentBytes);
        if (error is not null)
        {
            return error;
        }

        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString();
        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), courseId, assessmentId, body! with { CourseId = courseId },
            ifMatch.Length == 0 ? null : ifMatch, request.HttpContext.RequestAborted);
        return WithETag(request.HttpContext, outcome, isEdit: true);
    }

    private static IResult WithETag(HttpContext context, Outcome<TeacherAssessment> outcome, bool isEdit)
    {
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        context.Response.Headers.ETag = outcome.Value!.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(TeacherApi.ToTeacherView(outcome.Value.Record, isEdit ? outcome.Value.Regrading : null));
    }
}
