using System.Collections.Concurrent;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// Per-process cache of students' recommendation documents, keyed "{tenant}:{userId}". The learner-state handler puts
/// each new document here as it writes it, so this process serves it at once; another instance re-reads the store after
/// <see cref="LearningOptions.CacheTime"/>. Bounded: a full cache starts again.
/// </summary>
public sealed class RecommendationCache(TimeProvider clock, LearningOptions options)
{
    private const int MaxEntries = 200_000;
    private const int SweepEvery = 1024;
    private long _writes;
    private readonly ConcurrentDictionary<string, (RecommendationRecord Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public RecommendationRecord? Get(TenantId tenant, string userId) =>
        _entries.TryGetValue(Key(tenant, userId), out var hit) && hit.Until > clock.GetUtcNow() ? hit.Value : null;

    public void Put(TenantId tenant, RecommendationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            // Expired entries go every SweepEvery writes: the cache holds about the students of the last CacheTime.
            foreach (var entry in _entries.Where(e => e.Value.Until <= now))
            {
                _entries.TryRemove(entry);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[Key(tenant, record.Id)] = (record, now + options.CacheTime);
    }

    /// <summary>Entries held now (expired ones included until the next sweep).</summary>
    public int Count => _entries.Count;

    public void Remove(TenantId tenant, string userId) => _entries.TryRemove(Key(tenant, userId), out _);

    private static string Key(TenantId tenant, string userId) => $"{tenant}:{userId}";
}
