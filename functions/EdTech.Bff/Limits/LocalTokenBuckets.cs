using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Limits;

/// <summary>
/// This instance's token buckets: a request's buckets (<paramref name="bucketsOf"/>: <see cref="RateLimitPartitions.BucketsOf"/>) are taken from all or
/// none, each refilled continuously at its rate up to its burst and computed when asked, the same rule as the shared
/// buckets' script (<c>SharedRateLimitStore.Script</c>), so a deployment limits the same way with Redis or without.
/// Nothing runs between requests: the framework's partitioned limiter refilled every bucket of every recent user ten times a
/// second under a lock, 40,000 buckets in a 20,000-student exam (docs/benchmarks.md). A bucket back at its burst is the same
/// as no bucket, so a sweep every <see cref="SweepInterval"/> (a timer: an idle host keeps none of the last burst's buckets)
/// drops the full ones and loses nothing.
/// </summary>
public sealed class LocalTokenBuckets(Func<HttpContext, IReadOnlyList<BucketKey>> bucketsOf, TimeProvider clock) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>How often full buckets are dropped.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<BucketKey, Bucket> _buckets = new();
    private long _admitted;
    private long _rejected;
    private ITimer? _sweeper;

    /// <summary>Buckets held now.</summary>
    public int Count => _buckets.Count;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => new()
    {
        CurrentAvailablePermits = 0,
        CurrentQueuedCount = 0,
        TotalSuccessfulLeases = Interlocked.Read(ref _admitted),
        TotalFailedLeases = Interlocked.Read(ref _rejected),
    };

    /// <summary>Takes one token from each bucket, or from none when any of them is empty.</summary>
    public RateLimitLease Take(IReadOnlyList<BucketKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (Volatile.Read(ref _sweeper) is null)
        {
            StartSweeper();
        }

        var now = clock.GetTimestamp();
        var taken = 0;
        for (; taken < keys.Count; taken++)
        {
            if (TakeOne(keys[taken], now) is { } wait)
            {
                for (var i = 0; i < taken; i++)
                {
                    Give(keys[i], now);
                }

                Interlocked.Increment(ref _rejected);
                return BucketLease.Rejected(MaxWait(keys, taken, wait, now));
            }
        }

        Interlocked.Increment(ref _admitted);
        return BucketLease.Acquired;
    }

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Take(bucketsOf(resource));

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Take(bucketsOf(resource)));

    /// <summary>The wait of the first empty bucket, or longer if a later one is empty too (as the shared script answers).</summary>
    private TimeSpan MaxWait(IReadOnlyList<BucketKey> keys, int empty, TimeSpan wait, long now)
    {
        for (var i = empty + 1; i < keys.Count; i++)
        {
            if (_buckets.TryGetValue(keys[i], out var bucket) && bucket.WaitAt(now, clock) is { } later && later > wait)
            {
                wait = later;
            }
        }

        return wait;
    }

    /// <summary>Null when a token was taken, else how long until the bucket has one.</summary>
    private TimeSpan? TakeOne(BucketKey key, long now)
    {
        while (true)
        {
            var bucket = _buckets.GetOrAdd(key, static (k, at) => new Bucket(k.TokensPerSecond, k.Burst, at), now);
            if (bucket.TryTake(now, clock, out var wait))
            {
                return wait;
            }
        }
    }

    /// <summary>Gives back a token taken for a request another bucket refused.</summary>
    private void Give(BucketKey key, long now)
    {
        if (_buckets.TryGetValue(key, out var bucket))
        {
            bucket.Give(now, clock);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _sweeper, null)?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Started with the first request (a limiter nobody asks holds no timer); a race may start two, and one is disposed.</summary>
    private void StartSweeper()
    {
        var timer = clock.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
        if (Interlocked.CompareExchange(ref _sweeper, timer, null) is not null)
        {
            timer.Dispose();
        }
    }

    private void Sweep()
    {
        var now = clock.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.RetireIfFull(now, clock))
            {
                _buckets.TryRemove(new KeyValuePair<BucketKey, Bucket>(key, bucket));
            }
        }
    }

    /// <summary>One bucket: its tokens when last touched. Retired once dropped by the sweep, so a taker that still holds it goes again.</summary>
    private sealed class Bucket(double tokensPerSecond, int burst, long at)
    {
        private readonly Lock _lock = new();
        private double _tokens = burst;
        private long _at = at;
        private bool _retired;

        /// <summary>False when retired (take from the map again); else true, with the wait when no token was left.</summary>
        public bool TryTake(long now, TimeProvider clock, out TimeSpan? wait)
        {
            lock (_lock)
            {
                wait = null;
                if (_retired)
                {
                    return false;
                }

                Refill(now, clock);
                if (_tokens < 1)
                {
                    wait = Wait();
                }
                else
                {
                    _tokens -= 1;
                }

                return true;
            }
        }

        public void Give(long now, TimeProvider clock)
        {
            lock (_lock)
            {
                Refill(now, clock);
                _tokens = Math.Min(burst, _tokens + 1);
            }
        }

        public TimeSpan? WaitAt(long now, TimeProvider clock)
        {
            lock (_lock)
            {
                Refill(now, clock);
                return _tokens < 1 ? Wait() : null;
            }
        }

        public bool RetireIfFull(long now, TimeProvider clock)
        {
            lock (_lock)
            {
                Refill(now, clock);
                _retired = _tokens >= burst;
                return _retired;
            }
        }

        private void Refill(long now, TimeProvider clock)
        {
            if (now > _at)
            {
                _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_at, now).TotalSeconds * tokensPerSecond));
                _at = now;
            }
        }

        /// <summary>Whole milliseconds until one token, as the shared script rounds.</summary>
        private TimeSpan Wait() => TimeSpan.FromMilliseconds(Math.Ceiling((1 - _tokens) / tokensPerSecond * 1000));
    }
}
