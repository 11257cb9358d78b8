using EdTech.Application.Privacy;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>Per-student export and erasure on the tenant-admin surface (docs/api-admin-privacy.md).</summary>
public static class AdminPrivacyApi
{
    public static RouteGroupBuilder MapAdminPrivacyApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/students/{userId}/export", Export).Produces<StudentExport>();
        admin.MapPost("/students/{userId}/erasure", Erase).Accepts<ErasureBody>("application/json").Produces<ErasureSummary>();
        return admin;
    }

    public sealed record ErasureBody(string? Reason);

    private static async Task<IResult> Export(string userId, HttpContext context, ExportStudentHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), new ExportStudentCommand(userId), context.RequestAborted));

    private static async Task<IResult> Erase(string userId, HttpRequest request, EraseStudentHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<ErasureBody>(request);
        return error ?? OutcomeResults.Ok(await handler.HandleAsync(request.HttpContext.GetCaller(), new EraseStudentCommand(userId, body!.Reason), request.HttpContext.RequestAborted));
    }
}
