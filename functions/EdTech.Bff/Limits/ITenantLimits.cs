namespace EdTech.Bff.Limits;

/// <summary>
/// The rate limits of one tenant. Called on every request (synchronously, by the rate limiter's
/// partitioner), so an implementation must answer from memory: e.g. a cache of the tenant registry's
/// quotas, falling back to <see cref="RateLimitSettings"/> from configuration.
/// </summary>
public interface ITenantLimits
{
    RateLimitSettings For(string tenantId);
}

/// <summary>Every tenant gets the configured defaults (until tenant quotas are wired in).</summary>
public sealed class ConfiguredTenantLimits(RateLimitSettings settings) : ITenantLimits
{
    public RateLimitSettings For(string tenantId) => settings;
}
