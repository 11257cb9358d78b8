using EdTech.Application.Courses;
using EdTech.Application.Users;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("admin");
        api.MapPost("/users", CreateUser).Accepts<CreateUserCommand>("application/json");
        api.MapPost("/courses", CreateCourse).Accepts<CreateCourseCommand>("application/json");
        api.MapPost("/courses/{courseId}/enrollments", Enroll).Accepts<EnrollmentBody>("application/json");
        return api;
    }

    public sealed record EnrollmentBody(string? UserId, string? Role, string? Section = null);

    private static async Task<IResult> CreateUser(HttpRequest request, CreateUserHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateUserCommand>(request);
        return error ?? OutcomeResults.Created(await handler.HandleAsync(request.HttpContext.GetCaller(), body!, request.HttpContext.RequestAborted),
            u => new { u.Id, u.DisplayName, u.Email, u.Roles }, u => $"/api/admin/users/{u.Id}");
    }

    private static async Task<IResult> CreateCourse(HttpRequest request, CreateCourseHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateCourseCommand>(request);
        return error ?? OutcomeResults.Created(await handler.HandleAsync(request.HttpContext.GetCaller(), body!, request.HttpContext.RequestAborted),
            c => new { c.Id, c.Title }, c => $"/api/admin/courses/{c.Id}");
    }

    private static async Task<IResult> Enroll(string courseId, HttpRequest request, EnrollUserHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<EnrollmentBody>(request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(request.HttpContext.GetCaller(), new EnrollUserCommand(courseId, body!.UserId, body.Role, body.Section), request.HttpContext.RequestAborted);
        return OutcomeResults.Created(outcome, e => new { e.CourseId, e.UserId, e.Role, e.Section }, e => $"/api/admin/courses/{e.CourseId}/enrollments/{e.UserId}");
    }
}
