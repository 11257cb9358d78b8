using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class PlatformApi
{
    public static RouteGroupBuilder MapPlatformApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/platform").FromAccessTable().WithGroupName("platform").WithTags("platform");
        api.MapPost("/tenants", CreateTenant).Accepts<CreateTenantCommand>("application/json");
        api.MapGet("/tenants", ListTenants);
        api.MapGet("/tenants/{id}", GetTenant);
        api.MapPatch("/tenants/{id}", UpdateTenant).Accepts<UpdateTenantCommand>("application/json");
        api.MapPost("/tenants/{id}/suspend", SuspendTenant).Accepts<SuspendTenantCommand>("application/json");
        api.MapPost("/tenants/{id}/reactivate", ReactivateTenant);
        return api;
    }

    private static async Task<IResult> CreateTenant(HttpRequest request, CreateTenantHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateTenantCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await handler.HandleAsync(body!, request.HttpContext.RequestAborted);
        return OutcomeResults.Created(outcome, TenantView.Of, t => $"/api/platform/tenants/{t.Id}");
    }

    private static async Task<IResult> ListTenants(string? parentId, GetTenantsHandler handler, CancellationToken ct) =>
        OutcomeResults.Ok(await handler.ListAsync(parentId, ct), list => new { items = list.Select(TenantView.Of) });

    private static async Task<IResult> GetTenant(string id, HttpContext context, GetTenantsHandler handler) =>
        WithETag(context, await handler.GetAsync(id, context.RequestAborted));

    private static async Task<IResult> UpdateTenant(string id, HttpRequest request, UpdateTenantHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<UpdateTenantCommand>(request);
        if (error is not null)
        {
            return error;
        }

        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        return WithETag(request.HttpContext, await handler.HandleAsync(id, body!, ifMatch == "*" ? null : ifMatch, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> SuspendTenant(string id, HttpRequest request, SuspendTenantHandler handler)
    {
        var (body, error) = await JsonBody.ReadAsync<SuspendTenantCommand>(request);
        return error ?? WithETag(request.HttpContext, await handler.HandleAsync(id, body!, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> ReactivateTenant(string id, HttpContext context, ReactivateTenantHandler handler) =>
        WithETag(context, await handler.HandleAsync(id, context.RequestAborted));

    private static IResult WithETag(HttpContext context, Outcome<Versioned<TenantRecord>> outcome)
    {
        if (outcome.Value is { } stored)
        {
            context.Response.Headers.ETag = stored.ETag;
        }

        return OutcomeResults.Ok(outcome, v => TenantView.Of(v.Value));
    }
}
