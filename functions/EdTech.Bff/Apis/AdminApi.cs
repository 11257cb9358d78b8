using EdTech.Application.Courses;
using EdTech.Application.Users;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("admin");
        api.MapPost("/users", CreateUser);
        api.MapPost("/courses", CreateCourse);
        api.MapPost("/courses/{courseId}/enrollments", Enroll);
        return api;
    }

    public sealed record EnrollmentBody(string? UserId, string? Role, string? Section = null);

    /// <summary>A user as its create answers it (the full view with <c>active</c>: GET /api/admin/users/{userId}).</summary>
    public sealed record CreatedUser(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles);

    public sealed record CreatedCourse(string Id, string Title);

    public sealed record CreatedEnrollment(string CourseId, string UserId, string Role, string? Section);

    private static async Task<Results<Created<CreatedUser>, Ok<CreatedUser>, ProblemHttpResult>> CreateUser(
        Json<CreateUserCommand> body, HttpContext context, CreateUserHandler handler) =>
        OutcomeResults.Created(await handler.HandleAsync(context.GetCaller(), body.Value, context.RequestAborted),
            u => new CreatedUser(u.Id, u.DisplayName, u.Email, u.Roles), u => $"/api/admin/users/{u.Id}");

    private static async Task<Results<Created<CreatedCourse>, Ok<CreatedCourse>, ProblemHttpResult>> CreateCourse(
        Json<CreateCourseCommand> body, HttpContext context, CreateCourseHandler handler) =>
        OutcomeResults.Created(await handler.HandleAsync(context.GetCaller(), body.Value, context.RequestAborted),
            c => new CreatedCourse(c.Id, c.Title), c => $"/api/admin/courses/{c.Id}");

    private static async Task<Results<Created<CreatedEnrollment>, Ok<CreatedEnrollment>, ProblemHttpResult>> Enroll(
        string courseId, Json<EnrollmentBody> body, HttpContext context, EnrollUserHandler handler) =>
        OutcomeResults.Created(
            await handler.HandleAsync(context.GetCaller(), new EnrollUserCommand(courseId, body.Value.UserId, body.Value.Role, body.Value.Section), context.RequestAborted),
            e => new CreatedEnrollment(e.CourseId, e.UserId, e.Role, e.Section), e => $"/api/admin/courses/{e.CourseId}/enrollments/{e.UserId}");
}
