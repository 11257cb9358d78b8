using System.Threading.RateLimiting;

namespace EdTech.Bff.Limits;

/// <summary>
/// Partition keys carry the limits themselves, so a changed quota takes effect with a fresh bucket
/// (the old one is dropped once idle) instead of being frozen at the partition's first use.
/// </summary>
public readonly record struct BucketKey(string Scope, string Id, double TokensPerSecond, int Burst);

public static class TokenBuckets
{
    /// <summary>
    /// A bucket refilling at <paramref name="tokensPerSecond"/>: whole tokens each second when the rate is
    /// at least one, else one token every 1/rate seconds (tiny quotas, tests). No queue: reject at once.
    /// </summary>
    public static TokenBucketRateLimiterOptions Options(double tokensPerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        var tokens = Math.Max(1, (int)Math.Floor(tokensPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / tokensPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public static RateLimitPartition<BucketKey> Partition(BucketKey key) =>
        RateLimitPartition.GetTokenBucketLimiter(key, static k => Options(k.TokensPerSecond, k.Burst));
}
