using System.Collections.Concurrent;

namespace EdTech.Application.Common;

/// <summary>
/// A small per-process cache of values that change rarely (tenant state, assessments, enrollments),
/// read on every request. Entries expire after a fixed time, which bounds how stale another
/// instance's change can look. Keys must carry the tenant.
/// </summary>
public sealed class ExpiringCache<TValue>(TimeProvider clock, TimeSpan ttl, int maxEntries = 100_000)
    where TValue : class
{
    /// <summary>Writes between two sweeps of expired entries.</summary>
    public const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private long _writes;

    // Entries held, kept beside the map: ConcurrentDictionary.Count takes every lock of the map, and asking it on each write
    // was the most contended lock of the host at the exam peak (docs/benchmarks.md). Exact while only this class changes the map.
    private int _count;

    /// <summary>Returns the cached value, or loads it; a null load result is not cached.</summary>
    public async ValueTask<TValue?> GetOrLoadAsync(string key, Func<CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Value;
        }

        var value = await load(ct).ConfigureAwait(false);
        if (value is not null)
        {
            Store(key, value, now);
        }

        return value;
    }

    /// <summary>Puts a value the caller has just written (so this process serves it at once); it expires like a loaded one.</summary>
    public void Put(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Store(key, value, clock.GetUtcNow());
    }

    private void Store(string key, TValue value, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            Sweep(now);
        }

        if (Volatile.Read(ref _count) >= maxEntries)
        {
            // Crude but bounded: a full cache starts again rather than growing without limit.
            Clear();
        }

        var entry = (value, now + ttl);
        while (true)
        {
            if (_entries.TryGetValue(key, out var current))
            {
                if (_entries.TryUpdate(key, entry, current))
                {
                    return;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Increment(ref _count);
                return;
            }
        }
    }

    /// <summary>Entries held now (expired ones included until the next sweep).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Drops expired entries. Run every <see cref="SweepEvery"/> writes, so a cache read by many distinct keys (a user each)
    /// holds about the keys of the last TTL, not every key ever read until <c>maxEntries</c>.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var entry in _entries)
        {
            if (entry.Value.Until <= now)
            {
                Removed(_entries.TryRemove(entry));
            }
        }
    }

    /// <summary>The cached value if present and fresh; never loads (for callers that must not wait).</summary>
    public TValue? Peek(string key) =>
        _entries.TryGetValue(key, out var hit) && hit.Until > clock.GetUtcNow() ? hit.Value : null;

    /// <summary>Drops one entry now (this process only; other instances see the change when theirs expires).</summary>
    public void Remove(string key) => Removed(_entries.TryRemove(key, out _));

    private void Removed(bool removed)
    {
        if (removed)
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Empties the map one entry at a time, so the count stays the map's while other threads write.</summary>
    private void Clear()
    {
        foreach (var entry in _entries)
        {
            Removed(_entries.TryRemove(entry));
        }
    }
}
