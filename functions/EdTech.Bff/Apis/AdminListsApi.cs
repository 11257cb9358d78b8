using EdTech.Application.Common;
using EdTech.Application.Lists.Admin;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// The tenant admin's lists (API.md v2 "Lists, updates, deletes") and the teacher's course roster, paged as every list
/// (docs/api-lists.md): <c>?limit=</c> 1 to 200, the opaque <c>?next=</c>, a weak <c>ETag</c> and 304 to a matching
/// <c>If-None-Match</c>.
/// </summary>
public static class AdminListsApi
{
    public static RouteGroupBuilder MapAdminLists(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("admin");
        api.MapGet("/users", Users);
        api.MapGet("/courses", Courses);
        api.MapGet("/courses/{courseId}/enrollments", AdminEnrollments);
        api.MapGet("/audit", Audit);
        return api;
    }

    public static RouteGroupBuilder MapTeacherRoster(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("teacher");
        api.MapGet("/courses/{courseId}/enrollments", TeacherEnrollments);
        return api;
    }

    private static async Task<Results<Ok<Page<UserSummary>>, NotModified, ProblemHttpResult>> Users(
        [FromQuery] string? role, [FromQuery] string? q, [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListUsersHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), role, q, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<AdminCourseSummary>>, NotModified, ProblemHttpResult>> Courses([FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListCoursesHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<EnrollmentSummary>>, NotModified, ProblemHttpResult>> AdminEnrollments(
        string courseId, [FromQuery] string? role, [FromQuery] string? section, [FromQuery] string? limit, [FromQuery] string? next,
        HttpContext context, ListEnrollmentsHandler handler) =>
        PageResults.Ok(context, await handler.ForAdminAsync(context.GetCaller(), courseId, role, section, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<EnrollmentSummary>>, NotModified, ProblemHttpResult>> TeacherEnrollments(
        string courseId, [FromQuery] string? role, [FromQuery] string? section, [FromQuery] string? limit, [FromQuery] string? next,
        HttpContext context, ListEnrollmentsHandler handler) =>
        PageResults.Ok(context, await handler.ForTeacherAsync(context.GetCaller(), courseId, role, section, limit, next, context.RequestAborted));

    private static async Task<Results<Ok<Page<AuditEntryView>>, NotModified, ProblemHttpResult>> Audit(
        [FromQuery] string? studentId, [FromQuery] string? actorId, [FromQuery] string? from, [FromQuery] string? to,
        [FromQuery] string? limit, [FromQuery] string? next, HttpContext context, ListAuditHandler handler) =>
        PageResults.Ok(context, await handler.HandleAsync(context.GetCaller(), studentId, actorId, from, to, limit, next, context.RequestAborted));
}
