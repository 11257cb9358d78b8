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
        return OutcomeResults.Created(outcome, t => new { t.Id, t.Name, t.TimeZone, t.Status }, t => $"/api/platform/tenants/{t.Id}");
    }
}
