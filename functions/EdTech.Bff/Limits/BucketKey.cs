using EdTech.Infrastructure.Limits;

namespace EdTech.Bff.Limits;

/// <summary>
/// One bucket: its scope, the tenant (or "ip:..." for anonymous callers), the user for per-user scopes, and its
/// limits. Keys carry the limits themselves, so in memory a changed quota takes effect with a fresh bucket (the old
/// one is dropped once full again, <see cref="LocalTokenBuckets"/>) instead of being frozen at the partition's first use; in Redis the bucket keeps its
/// tokens and is refilled and capped with the limits of each request.
/// </summary>
public readonly record struct BucketKey(string Scope, string Tenant, string? User, double TokensPerSecond, int Burst)
{
    public static readonly BucketKey None = new("none", string.Empty, null, 0, 0);

    /// <summary>The shared bucket's Redis key: "rl:{tenant}:scope[:user]".</summary>
    public SharedBucket Shared() => new(SharedRateLimitStore.Key(Tenant, Scope, User), TokensPerSecond, Burst);
}
