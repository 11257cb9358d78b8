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
    private readonly ConcurrentDictionary<string, (RecommendationRecord Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public RecommendationRecord? Get(TenantId tenant, string userId) =>
        _entries.TryGetValue(Key(tenant, userId), out var hit) && hit.Until > clock.GetUtcNow() ? hit.Value : null;

    public void Put(TenantId tenant, RecommendationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[Key(tenant, record.Id)] = (record, clock.GetUtcNow() + options.CacheTime);
    }

    public void Remove(TenantId tenant, string userId) => _entries.TryRemove(Key(tenant, userId), out _);

    private static string Key(TenantId tenant, string userId) => $"{tenant}:{userId}";
}
