using EdTech.Application.Common;
using EdTech.Application.Courses;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Users;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// Users and enrollments for tenant admins (API.md v2 "Lists, updates, deletes"; docs/api-users.md): a user with its ETag, a
/// JSON Merge Patch of it with optional If-Match (412 when stale), deactivation by <c>active:false</c>, and unenrollment.
/// </summary>
public static class AdminUsersApi
{
    public static RouteGroupBuilder MapAdminUsersApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapRoleGroup("admin");
        admin.MapGet("/users/{userId}", GetUser);
        admin.MapPatch("/users/{userId}", PatchUser).Accepts<UserPatchBody>(JsonBody.MergePatch, "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapDelete("/courses/{courseId}/enrollments/{userId}", Unenroll);
        return admin;
    }

    /// <summary>The PATCH body as documented (every field optional; absent = unchanged). Bound as <see cref="UpdateUserCommand"/>.</summary>
    public sealed record UserPatchBody(string? DisplayName, string? Email, IReadOnlyList<string>? Roles, bool? Active);

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetUser(string userId, HttpContext context, GetUserHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), userId, context.RequestAborted));

    /// <param name="body">Bound as <see cref="UpdateUserCommand"/>; documented as <see cref="UserPatchBody"/>.</param>
    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> PatchUser(
        string userId, [MergePatch] Json<UpdateUserCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, UpdateUserHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), userId, body.Value, ifMatch == "*" ? null : ifMatch, context.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> Unenroll(string courseId, string userId, HttpContext context, UnenrollUserHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), courseId, userId, context.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.NoContent();
    }

    private static Results<Ok<UserView>, ProblemHttpResult> WithETag(HttpContext context, Outcome<Versioned<UserRecord>> outcome)
    {
        if (outcome.Value is { } stored)
        {
            context.Response.Headers.ETag = stored.ETag;
            context.Response.Headers.CacheControl = "no-store";
        }

        return OutcomeResults.Ok(outcome, v => UserView.Of(v.Value));
    }
}
