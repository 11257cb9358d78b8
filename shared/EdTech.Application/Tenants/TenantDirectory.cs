using System.Collections.Concurrent;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

public enum TenantState
{
    Unknown,
    Active,
    Suspended,
}

/// <summary>
/// Answers "does this token's tenant exist, and is it active?" on every request, so it caches for a
/// few seconds: a suspension takes effect within that time on every instance.
/// </summary>
public sealed class TenantDirectory(IDocumentStore store, TimeProvider clock)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (TenantState State, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<TenantState> GetStateAsync(TenantId tenant, CancellationToken ct)
    {
        if (tenant == TenantId.Platform)
        {
            return TenantState.Active;
        }

        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(tenant.Value, out var hit) && hit.Until > now)
        {
            return hit.State;
        }

        var record = await store.GetAsync<TenantRecord>(TenantId.Platform, tenant.Value, ct).ConfigureAwait(false);
        var state = record is null ? TenantState.Unknown
            : record.Value.Status == TenantRecord.Suspended ? TenantState.Suspended : TenantState.Active;
        _cache[tenant.Value] = (state, now + Ttl);
        return state;
    }
}
