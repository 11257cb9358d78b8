using EdTech.Application.Common;
using EdTech.Application.Courses;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Users;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// Users and enrollments for tenant admins (API.md v2 "Lists, updates, deletes"; docs/api-users.md): a user with its ETag, a
/// JSON Merge Patch of it with optional If-Match (412 when stale), deactivation by <c>active:false</c>, and unenrollment.
/// </summary>
public static class AdminUsersApi
{
    public static RouteGroupBuilder MapAdminUsersApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/users/{userId}", GetUser).Produces<UserView>();
        admin.MapPatch("/users/{userId}", PatchUser).Accepts<UserPatchBody>(JsonBody.MergePatch, "application/json").Produces<UserView>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapDelete("/courses/{courseId}/enrollments/{userId}", Unenroll).Produces(StatusCodes.Status204NoContent);
        return admin;
    }

    /// <summary>The PATCH body as documented (every field optional; absent = unchanged). Bound as <see cref="UpdateUserCommand"/>.</summary>
    public sealed record UserPatchBody(string? DisplayName, string? Email, IReadOnlyList<string>? Roles, bool? Active);

    private static async Task<IResult> GetUser(string userId, HttpContext context, GetUserHandler handler) =>
        WithETag(context, await handler.HandleAsync(context.GetCaller(), userId, context.RequestAborted));

    private static async Task<IResult> PatchUser(string userId, HttpRequest request, UpdateUserHandler handler)
    {
        var (body, error) = await JsonBody.ReadMergePatchAsync<UpdateUserCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        return WithETag(request.HttpContext, await handler.HandleAsync(request.HttpContext.GetCaller(), userId, body!, ifMatch == "*" ? null : ifMatch, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> Unenroll(string courseId, string userId, HttpContext context, UnenrollUserHandler handler)
    {
        var outcome = await handler.HandleAsync(context.GetCaller(), courseId, userId, context.RequestAborted);
        return outcome.Problem is { } problem ? Problems.Of(problem) : TypedResults.NoContent();
    }

    private static IResult WithETag(HttpContext context, Outcome<Versioned<UserRecord>> outcome)
    {
        if (outcome.Value is { } stored)
        {
            context.Response.Headers.ETag = stored.ETag;
            context.Response.Headers.CacheControl = "no-store";
        }

        return OutcomeResults.Ok(outcome, v => UserView.Of(v.Value));
    }
}
