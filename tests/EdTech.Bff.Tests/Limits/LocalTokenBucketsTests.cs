using System.Threading.RateLimiting;
using EdTech.Bff.Limits;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Bff.Tests.Limits;

/// <summary>This instance's buckets follow the shared script's rule: all or none, continuous refill, full buckets dropped.</summary>
public sealed class LocalTokenBucketsTests
{
    private static readonly BucketKey User = new("user", "t1", "u1", 0.5, 2);
    private static readonly BucketKey Tenant = new("tenant", "t1", null, 0.5, 1);

    [Fact]
    public void EmptyBucket_RefusesWithTheWaitForOneToken_ThenAdmitsOnceRefilled()
    {
        var clock = new FakeTimeProvider();
        using var buckets = new LocalTokenBuckets(_ => [], clock);

        var admitted = new[] { buckets.Take([User]).IsAcquired, buckets.Take([User]).IsAcquired };
        using var refused = buckets.Take([User]);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        var early = buckets.Take([User]).IsAcquired;
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var refilled = buckets.Take([User]).IsAcquired;

        Assert.Equal([true, true], admitted);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.False(early);
        Assert.True(refilled);
    }

    [Fact]
    public void RefusedByALaterBucket_TakesNothingFromTheEarlierOnes()
    {
        var clock = new FakeTimeProvider();
        using var buckets = new LocalTokenBuckets(_ => [], clock);

        var first = buckets.Take([User, Tenant]).IsAcquired;
        var second = buckets.Take([User, Tenant]).IsAcquired;
        var userAlone = buckets.Take([User]).IsAcquired;

        Assert.True(first);
        Assert.False(second);
        Assert.True(userAlone);
        Assert.False(buckets.Take([User]).IsAcquired);
    }

    [Fact]
    public void Sweep_OnItsTimer_DropsOnlyBucketsBackAtTheirBurst()
    {
        var clock = new FakeTimeProvider();
        using var buckets = new LocalTokenBuckets(_ => [], clock);
        var slow = new BucketKey("user", "t1", "slow", 0.001, 1);
        for (var i = 0; i < 100; i++)
        {
            buckets.Take([User with { User = $"u{i}" }]);
        }

        buckets.Take([slow]);
        clock.Advance(LocalTokenBuckets.SweepInterval);
        var afterIdleSweep = buckets.Count;

        Assert.Equal(1, afterIdleSweep); // swept without another request: an idle host keeps only the slow one
        Assert.False(buckets.Take([slow]).IsAcquired);
    }
}
