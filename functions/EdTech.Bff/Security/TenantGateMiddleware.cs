using EdTech.Application.Access;
using EdTech.Application.Tenants;
using EdTech.Bff.Http;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Security;

/// <summary>
/// Once per request, after authentication: the token must have the shape <see cref="TokenRules"/> asks, its tenant
/// must exist (else 401) and be active (else 403), and the token must name a user who is not deactivated (else 401; a user
/// without a record passes, <see cref="DeactivatedUsers"/>). Handlers can then trust <see cref="CallerExtensions.GetCaller"/>.
/// </summary>
public sealed class TenantGateMiddleware(RequestDelegate next, TenantDirectory tenants, TokenRules rules, TimeProvider clock, DeactivatedUsers deactivated)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var refused = rules.Check(context.User, clock.GetUtcNow());
        if (refused is not null)
        {
            var (type, title) = refused.Status == StatusCodes.Status403Forbidden ? (ProblemTypes.Forbidden, "Forbidden") : (ProblemTypes.Unauthenticated, "Unauthenticated");
            await Write(context, Problems.Status(refused.Status, type, title, refused.Detail)).ConfigureAwait(false);
            return;
        }

        var tenantClaim = context.User.FindFirst(EdTechClaims.Tenant)?.Value;
        var subject = context.User.FindFirst(EdTechClaims.Subject)?.Value;
        if (!TenantId.IsValid(tenantClaim) || string.IsNullOrEmpty(subject))
        {
            await Write(context, Problems.Status(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, "Unauthenticated", "The token lacks a valid tenant or subject.")).ConfigureAwait(false);
            return;
        }

        switch (await tenants.GetStateAsync(new TenantId(tenantClaim!), context.RequestAborted).ConfigureAwait(false))
        {
            case TenantState.Unknown:
                await Write(context, Problems.Status(StatusCodes.Status401Unauthorized, ProblemTypes.UnknownTenant, "Unknown tenant", "The token's tenant does not exist.")).ConfigureAwait(false);
                return;
            case TenantState.Suspended:
                await Write(context, Problems.Status(StatusCodes.Status403Forbidden, ProblemTypes.TenantSuspended, "Tenant suspended", "This school's access is suspended; its data is kept.")).ConfigureAwait(false);
                return;
            default:
                break;
        }

        if (await deactivated.IsDeactivatedAsync(new TenantId(tenantClaim!), subject!, context.RequestAborted).ConfigureAwait(false))
        {
            await Write(context, Problems.Status(StatusCodes.Status401Unauthorized, ProblemTypes.UserDeactivated, "User deactivated",
                "This user is deactivated; a tenant admin can reactivate them.")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task Write(HttpContext context, IResult result) => result.ExecuteAsync(context);
}
