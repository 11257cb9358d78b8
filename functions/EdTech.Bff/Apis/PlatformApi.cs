using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class PlatformApi
{
    public static RouteGroupBuilder MapPlatformApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapRoleGroup("platform");
        api.MapPost("/tenants", CreateTenant);
        api.MapGet("/tenants", ListTenants);
        api.MapGet("/tenants/{id}", GetTenant);
        api.MapPatch("/tenants/{id}", UpdateTenant);
        api.MapPost("/tenants/{id}/suspend", SuspendTenant);
        api.MapPost("/tenants/{id}/reactivate", ReactivateTenant);
        return api;
    }

    private static async Task<Results<Created<TenantView>, Ok<TenantView>, ProblemHttpResult>> CreateTenant(
        Json<CreateTenantCommand> body, HttpContext context, CreateTenantHandler handler) =>
        OutcomeResults.Created(await handler.HandleAsync(body.Value, context.RequestAborted), TenantView.Of, t => $"/api/platform/tenants/{t.Id}");

    private static async Task<Results<Ok<TenantList>, ProblemHttpResult>> ListTenants(string? parentId, GetTenantsHandler handler, CancellationToken ct) =>
        OutcomeResults.Ok(await handler.ListAsync(parentId, ct), list => new TenantList([.. list.Select(TenantView.Of)]));

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> GetTenant(string id, HttpContext context, GetTenantsHandler handler) =>
        WithETag(context, await handler.GetAsync(id, context.RequestAborted));

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> UpdateTenant(
        string id, Json<UpdateTenantCommand> body, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext context, UpdateTenantHandler handler) =>
        WithETag(context, await handler.HandleAsync(id, body.Value, ifMatch == "*" ? null : ifMatch, context.RequestAborted));

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> SuspendTenant(
        string id, Json<SuspendTenantCommand> body, HttpContext context, SuspendTenantHandler handler) =>
        WithETag(context, await handler.HandleAsync(id, body.Value, context.RequestAborted));

    private static async Task<Results<Ok<TenantView>, ProblemHttpResult>> ReactivateTenant(string id, HttpContext context, ReactivateTenantHandler handler) =>
        WithETag(context, await handler.HandleAsync(id, context.RequestAborted));

    private static Results<Ok<TenantView>, ProblemHttpResult> WithETag(HttpContext context, Outcome<Versioned<TenantRecord>> outcome)
    {
        if (outcome.Value is { } stored)
        {
            context.Response.Headers.ETag = stored.ETag;
        }

        return OutcomeResults.Ok(outcome, v => TenantView.Of(v.Value));
    }
}
