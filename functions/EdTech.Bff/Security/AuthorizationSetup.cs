using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Security;

public static class AuthorizationSetup
{
    /// <summary>One policy per role, named as the role; the platform policy also requires the platform tenant.</summary>
    public static IServiceCollection AddEdTechAuthorization(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            builder.AddPolicy(role, policy =>
            {
                policy.RequireAuthenticatedUser().RequireClaim(EdTechClaims.Roles, role);
                if (role == Roles.PlatformAdmin)
                {
                    policy.RequireClaim(EdTechClaims.Tenant, TenantId.PlatformValue);
                }
            });
        }

        return services;
    }
}
