using System.Security.Claims;
using EdTech.Application.Tenants.Directory;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EdTech.Bff.Security.Identity;

/// <summary>
/// Turns a validated directory token (Entra ID / External ID) into the platform's claims: tenant from
/// the directory id through the registry (unregistered → authentication fails, 401), sub from the
/// configured user-id claim, roles through the role map. Incoming tenant/sub/roles are never kept.
/// </summary>
public sealed class DirectoryClaimsMapper(TrustedIssuers issuers, DirectoryTenantResolver resolver)
{
    public async Task MapAsync(TokenValidatedContext context)
    {
        var issuer = issuers.Find(context.SecurityToken.Issuer, context.SecurityToken);
        if (issuer?.Settings is not { } settings)
        {
            return;
        }

        var principal = context.Principal!;
        var directoryId = principal.FindFirst(settings.TenantClaim)?.Value;
        var tenant = DirectoryIds.TryNormalize(directoryId, out var normalized) && issuers.Settings.PlatformDirectoryIds.Contains(normalized)
            ? TenantId.PlatformValue
            : directoryId is null ? null : await resolver.ResolveAsync(directoryId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        var userId = principal.FindFirst(settings.UserIdClaim)?.Value ?? principal.FindFirst(EdTechClaims.Subject)?.Value;
        if (tenant is null || string.IsNullOrEmpty(userId))
        {
            context.Fail(tenant is null ? "The token's directory is not registered with any tenant." : $"The token has no '{settings.UserIdClaim}' claim.");
            return;
        }

        var claims = principal.Claims.Where(c => c.Type is not (EdTechClaims.Subject or EdTechClaims.Tenant or EdTechClaims.Roles)).ToList();
        claims.Add(new Claim(EdTechClaims.Subject, userId));
        claims.Add(new Claim(EdTechClaims.Tenant, tenant));
        foreach (var appRole in principal.FindAll(EdTechClaims.Roles).Select(c => c.Value).Distinct(StringComparer.Ordinal))
        {
            if (issuers.Settings.RoleMap.TryGetValue(appRole, out var role))
            {
                claims.Add(new Claim(EdTechClaims.Roles, role));
            }
        }

        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, principal.Identity?.AuthenticationType, EdTechClaims.Subject, EdTechClaims.Roles));
    }
}
