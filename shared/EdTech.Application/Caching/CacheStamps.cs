using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace EdTech.Application.Caching;

/// <summary>
/// Stamps in this process only: for a single instance (the LocalHost, or no shared cache). Bounded by time: a stamp given
/// more than <see cref="ForgetAfter"/> ago is dropped at the next sweep (every <see cref="SweepEvery"/> invalidations). That
/// is safe because every entry keyed by a tag's earlier stamp, or by its absence, was cached before the tag's latest
/// invalidation, and so has expired once that invalidation is older than the longest entry lifetime
/// (<see cref="TeacherQueryCache.EntryLifetime"/>): forgetting the stamp can never bring an old entry back.
/// </summary>
public sealed class LocalCacheStamps(TimeProvider clock) : ICacheStamps
{
    /// <summary>Invalidations between two sweeps of old stamps.</summary>
    public const int SweepEvery = 1024;

    /// <summary>Age after which a stamp is forgotten: longer than any entry keyed by it lives.</summary>
    public static readonly TimeSpan ForgetAfter = TeacherQueryCache.EntryLifetime * 2;

    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset At)> _stamps = new(StringComparer.Ordinal);
    private long _invalidations;

    public LocalCacheStamps()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Tags that have a stamp now (old ones included until the next sweep).</summary>
    public int Count => _stamps.Count;

    public ValueTask<string> ReadAsync(IReadOnlyList<string> tags, CancellationToken ct) =>
        ValueTask.FromResult(CacheStampText.Combine(tags.Select(t => _stamps.TryGetValue(t, out var s) ? s.Stamp : "")));

    public ValueTask InvalidateAsync(IReadOnlyList<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var now = clock.GetUtcNow();
        foreach (var tag in tags)
        {
            if (Interlocked.Increment(ref _invalidations) % SweepEvery == 0)
            {
                Sweep(now - ForgetAfter);
            }

            _stamps[tag] = (CacheStampText.New(), now);
        }

        return ValueTask.CompletedTask;
    }

    private void Sweep(DateTimeOffset before)
    {
        foreach (var entry in _stamps)
        {
            if (entry.Value.At <= before)
            {
                _stamps.TryRemove(entry);
            }
        }
    }
}

/// <summary>
/// Stamps in the shared distributed cache (Redis), so an invalidation on one instance changes the keys every
/// instance reads. A stamp outlives any entry keyed by it (a day against minutes), so an expired stamp can
/// never bring an old entry back.
/// </summary>
public sealed class SharedCacheStamps(IDistributedCache shared) : ICacheStamps
{
    private static readonly DistributedCacheEntryOptions Lifetime = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) };

    public async ValueTask<string> ReadAsync(IReadOnlyList<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var stamps = await Task.WhenAll(tags.Select(t => shared.GetAsync(Key(t), ct))).ConfigureAwait(false);
        return CacheStampText.Combine(stamps.Select(s => s is null ? "" : Encoding.UTF8.GetString(s)));
    }

    public async ValueTask InvalidateAsync(IReadOnlyList<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await Task.WhenAll(tags.Select(t => shared.SetAsync(Key(t), Encoding.UTF8.GetBytes(CacheStampText.New()), Lifetime, ct))).ConfigureAwait(false);
    }

    private static string Key(string tag) => "stamp:" + tag;
}

internal static class CacheStampText
{
    public static string New() => Guid.NewGuid().ToString("n");

    /// <summary>A short fixed-length digest of the stamps, to append to a cache key.</summary>
    public static string Combine(IEnumerable<string> stamps) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', stamps))).AsSpan(0, 8));
}
