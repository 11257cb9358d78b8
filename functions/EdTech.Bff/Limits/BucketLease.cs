using System.Threading.RateLimiting;

namespace EdTech.Bff.Limits;

/// <summary>A decision of the buckets, shared or this instance's; a rejection carries Retry-After.</summary>
internal sealed class BucketLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly BucketLease Acquired = new(true, null);

    /// <summary>"Not yet": the middleware then awaits <see cref="SharedRateLimiter"/>'s asynchronous acquire, which asks Redis.</summary>
    public static readonly BucketLease Deferred = new(false, null);

    public static BucketLease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
