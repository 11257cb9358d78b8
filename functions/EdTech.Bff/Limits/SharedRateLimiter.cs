using System.Threading.RateLimiting;
using EdTech.Infrastructure.Limits;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Limits;

/// <summary>
/// The app's global limiter. With Redis (<paramref name="shared"/> set) a request's buckets
/// (<see cref="RateLimitPartitions.BucketsOf"/>) are taken from in Redis, shared by every instance, in one atomic
/// call; when Redis does not answer, the per-instance buckets (<paramref name="local"/>) decide instead (fail open to
/// today's limits, never a 5xx). Without Redis it is exactly the per-instance limiter.
/// The rate limiting middleware first tries <c>AttemptAcquire</c> (synchronous) and, when that is not acquired,
/// awaits <c>AcquireAsync</c>: every decision is made there, once per request (the synchronous attempt only defers
/// to it, so a request rejected by a later bucket does not take twice from the earlier ones).
/// </summary>
public sealed class SharedRateLimiter(PartitionedRateLimiter<HttpContext> local, SharedRateLimitStore? shared, RateLimitPartitions partitions)
    : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => local.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => BucketLease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (shared is not { IsAvailable: true })
        {
            return local.AttemptAcquire(resource, permitCount);
        }

        var buckets = partitions.BucketsOf(resource).Select(b => b.Shared()).ToList();
        var decision = await shared.TryTakeAsync(buckets, cancellationToken).ConfigureAwait(false);
        return decision switch
        {
            null => local.AttemptAcquire(resource, permitCount),
            { Allowed: true } => BucketLease.Acquired,
            _ => BucketLease.Rejected(decision.RetryAfter),
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
