using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// Per-process cache of students' recommendation documents, keyed "{tenant}:{userId}". The learner-state handler puts
/// each new document here as it writes it, so this process serves it at once; another instance re-reads the store after
/// <see cref="LearningOptions.CacheTime"/>. An <see cref="ExpiringCache{TValue}"/>: expired entries are swept as it is
/// written, and a full cache (<see cref="MaxEntries"/>) starts again.
/// </summary>
public sealed class RecommendationCache(TimeProvider clock, LearningOptions options)
{
    /// <summary>The most students held at once.</summary>
    public const int MaxEntries = 200_000;

    private readonly ExpiringCache<RecommendationRecord> _entries = new(clock, options.CacheTime, MaxEntries);

    public RecommendationRecord? Get(TenantId tenant, string userId) => _entries.Peek(Key(tenant, userId));

    public void Put(TenantId tenant, RecommendationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _entries.Put(Key(tenant, record.Id), record);
    }

    /// <summary>Entries held now (expired ones included until the next sweep).</summary>
    public int Count => _entries.Count;

    public void Remove(TenantId tenant, string userId) => _entries.Remove(Key(tenant, userId));

    private static string Key(TenantId tenant, string userId) => $"{tenant}:{userId}";
}
