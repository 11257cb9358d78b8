using EdTech.Application.Common;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Security;

public static class CallerExtensions
{
    /// <summary>The caller from the validated token only; <see cref="TenantGateMiddleware"/> has already checked the tenant.</summary>
    public static Caller GetCaller(this HttpContext context)
    {
        if (context.Items[typeof(Caller)] is Caller cached)
        {
            return cached;
        }

        var user = context.User;
        var caller = new Caller(
            new TenantId(user.FindFirst(EdTechClaims.Tenant)!.Value),
            user.FindFirst(EdTechClaims.Subject)!.Value,
            user.FindAll(EdTechClaims.Roles).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
        context.Items[typeof(Caller)] = caller;
        return caller;
    }
}
