using EdTech.Application.Common;
using EdTech.Application.Lists;
using EdTech.Application.Submissions;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// The caller's lists (API.md v2 "Lists, updates, deletes"): <c>?limit=</c> (1 to 200, default 50) and the opaque <c>?next=</c>
/// token of the previous page; each page carries a weak <c>ETag</c> and answers 304 to a matching <c>If-None-Match</c>.
/// </summary>
public static class ListsApi
{
    public static RouteGroupBuilder MapTeacherLists(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapGet("/courses", TeacherCourses);
        api.MapGet("/courses/{courseId}/assessments", TeacherAssessments);
        api.MapGet("/assessments/{assessmentId}/submissions", TeacherSubmissions);
        return api;
    }

    public static RouteGroupBuilder MapStudentLists(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("student");
        api.MapGet("/courses", StudentCourses);
        api.MapGet("/courses/{courseId}/assessments", StudentAssessments);
        api.MapGet("/submissions", StudentSubmissions);
        return api;
    }

    private static async Task<Results<Ok<Page<CourseSummary>>, NotModified, ProblemHttpResult>> TeacherCourses([FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListMyCoursesHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), Roles.Teacher, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<CourseSummary>>, NotModified, ProblemHttpResult>> StudentCourses([FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListMyCoursesHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), Roles.Student, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<TeacherAssessmentSummary>>, NotModified, ProblemHttpResult>> TeacherAssessments(
        string courseId, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListCourseAssessmentsHandler handler) =>
        PageResults.Ok(context, await handler.ForTeacherAsync(context.GetCaller(), courseId, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<StudentAssessmentSummary>>, NotModified, ProblemHttpResult>> StudentAssessments(
        string courseId, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListCourseAssessmentsHandler handler) =>
        PageResults.Ok(context, await handler.ForStudentAsync(context.GetCaller(), courseId, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<TeacherSubmissionSummary>>, NotModified, ProblemHttpResult>> TeacherSubmissions(
        string assessmentId, [FromQuery] string? status, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListSubmissionsHandler handler) =>
        PageResults.Ok(context, await handler.ForTeacherAsync(context.GetCaller(), assessmentId, status, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<StudentSubmissionView>>, NotModified, ProblemHttpResult>> StudentSubmissions([FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListSubmissionsHandler handler) =>
        PageResults.Ok(context, await handler.ForStudentAsync(context.GetCaller(), limit, next, context.RequestAborted));
}
