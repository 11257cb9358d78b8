using Microsoft.AspNetCore.Authorization;

namespace EdTech.Bff.Security;

/// <summary>One row of <see cref="AccessTable"/>: an endpoint (method + route pattern exactly as mapped), who may call it and how far.</summary>
public sealed record AccessRule(string Method, string Pattern, AccessScope Scope, IReadOnlyList<string> Roles)
{
    public string Endpoint => $"{Method} {Pattern}";

    /// <summary>The role check the authorization middleware runs (401 without a token, 403 for a role not listed); null for anonymous rows.</summary>
    public AuthorizationPolicy? Policy { get; } = BuildPolicy(Scope, Roles);

    public bool Allows(string role) => Roles.Contains(role, StringComparer.Ordinal);

    private static AuthorizationPolicy? BuildPolicy(AccessScope scope, IReadOnlyList<string> roles)
    {
        if (scope == AccessScope.Anonymous)
        {
            return null;
        }

        if (roles.Count == 0)
        {
            throw new ArgumentException("A non-anonymous row needs at least one role.", nameof(roles));
        }

        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(EdTechClaims.Roles, roles);
        if (scope == AccessScope.Platform)
        {
            policy.RequireClaim(EdTechClaims.Tenant, Domain.Tenancy.TenantId.PlatformValue);
        }

        return policy.Build();
    }
}
