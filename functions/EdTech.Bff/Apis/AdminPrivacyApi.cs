using EdTech.Application.Privacy;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Per-student export and erasure on the tenant-admin surface (docs/api-admin-privacy.md).</summary>
public static class AdminPrivacyApi
{
    public static RouteGroupBuilder MapAdminPrivacyApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapRoleGroup("admin");
        admin.MapGet("/students/{userId}/export", Export);
        admin.MapPost("/students/{userId}/erasure", Erase);
        return admin;
    }

    public sealed record ErasureBody(string? Reason);

    private static async Task<Results<Ok<StudentExport>, ProblemHttpResult>> Export(string userId, HttpContext context, ExportStudentHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), new ExportStudentCommand(userId), context.RequestAborted));

    private static async Task<Results<Ok<ErasureSummary>, ProblemHttpResult>> Erase(string userId, Json<ErasureBody> body, HttpContext context, EraseStudentHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), new EraseStudentCommand(userId, body.Value.Reason), context.RequestAborted));
}
