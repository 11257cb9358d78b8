using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace EdTech.Application.Caching;

/// <summary>Stamps in this process only: for a single instance (the LocalHost, or no shared cache).</summary>
public sealed class LocalCacheStamps : ICacheStamps
{
    private readonly ConcurrentDictionary<string, string> _stamps = new(StringComparer.Ordinal);

    public ValueTask<string> ReadAsync(IReadOnlyList<string> tags, CancellationToken ct) =>
        ValueTask.FromResult(CacheStampText.Combine(tags.Select(t => _stamps.GetValueOrDefault(t, ""))));

    public ValueTask InvalidateAsync(IReadOnlyList<string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            _stamps[tag] = CacheStampText.New();
        }

        return ValueTask.CompletedTask;
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
