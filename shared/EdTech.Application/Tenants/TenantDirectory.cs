using EdTech.Application.Access;
using EdTech.Application.Common;
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
/// few seconds. A change made through this instance (suspend, reactivate, update) calls
/// <see cref="Invalidate"/> and is seen here at once; other instances see it within <see cref="AccessCacheSettings.Ttl"/> (default 5 s).
/// </summary>
public sealed class TenantDirectory(IDocumentStore store, TimeProvider clock, AccessCacheSettings settings)
{
    private sealed record Entry(TenantState State, TenantQuotas Quotas, IReadOnlyDictionary<string, int> Settings);

    private readonly ExpiringCache<Entry> _cache = new(clock, settings.Ttl);

    public async ValueTask<TenantState> GetStateAsync(TenantId tenant, CancellationToken ct)
    {
        if (tenant == TenantId.Platform)
        {
            return TenantState.Active;
        }

        return (await LoadAsync(tenant, ct).ConfigureAwait(false)).State;
    }

    /// <summary>The tenant's numeric setting <paramref name="name"/> (from the same short-lived cache), or null when it is not set.</summary>
    public async ValueTask<int?> SettingAsync(TenantId tenant, string name, CancellationToken ct) =>
        tenant == TenantId.Platform ? null
        : (await LoadAsync(tenant, ct).ConfigureAwait(false)).Settings.TryGetValue(name, out var value) ? value : null;

    private async ValueTask<Entry> LoadAsync(TenantId tenant, CancellationToken ct)
    {
        var entry = await _cache.GetOrLoadAsync(tenant.Value, async token =>
        {
            var record = await store.GetAsync<TenantRecord>(TenantId.Platform, tenant.Value, token).ConfigureAwait(false);
            return new Entry(
                record is null ? TenantState.Unknown : record.Value.Status == TenantStatus.Suspended ? TenantState.Suspended : TenantState.Active,
                (record?.Value.Quotas ?? TenantQuotas.None).Effective(),
                record?.Value.Settings ?? new Dictionary<string, int>());
        }, ct).ConfigureAwait(false);
        return entry!;
    }

    /// <summary>
    /// The tenant's quotas in force, from memory only (the tenant gate has just loaded them for this
    /// request); the platform defaults when not cached, e.g. for the platform tenant.
    /// </summary>
    public TenantQuotas QuotasOf(string tenantId) => _cache.Peek(tenantId)?.Quotas ?? TenantQuotas.Defaults;

    public void Invalidate(string tenantId) => _cache.Remove(tenantId);
}
