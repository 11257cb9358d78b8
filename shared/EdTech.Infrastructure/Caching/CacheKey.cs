using EdTech.Domain.Tenancy;

namespace EdTech.Infrastructure.Caching;

/// <summary>
/// Cache keys and tags start with the tenant (STYLE.md 7), so one tenant's entries can never be read or
/// invalidated through another's key. The deployment prefix (Redis:KeyPrefix) is added by the L2.
/// </summary>
public static class CacheKey
{
    /// <summary>"t/{tenant}/{name}", e.g. <c>t/acme/course/c1/modules</c>.</summary>
    public static string For(TenantId tenant, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return $"t/{tenant.Value}/{name}";
    }

    /// <summary>A tag scoped to the tenant, for HybridCache.RemoveByTagAsync.</summary>
    public static string Tag(TenantId tenant, string tag) => For(tenant, tag);
}
