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
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

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
            if (_entries.Count >= maxEntries)
            {
                // Crude but bounded: a full cache starts again rather than growing without limit.
                _entries.Clear();
            }

            _entries[key] = (value, now + ttl);
        }

        return value;
    }

    /// <summary>The cached value if present and fresh; never loads (for callers that must not wait).</summary>
    public TValue? Peek(string key) =>
        _entries.TryGetValue(key, out var hit) && hit.Until > clock.GetUtcNow() ? hit.Value : null;

    /// <summary>Drops one entry now (this process only; other instances see the change when theirs expires).</summary>
    public void Remove(string key) => _entries.TryRemove(key, out _);
}
