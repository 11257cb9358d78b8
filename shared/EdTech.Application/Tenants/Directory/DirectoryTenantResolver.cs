using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants.Directory;

/// <summary>
/// Maps an identity provider's directory id (Entra "tid") to the platform tenant registered for it,
/// or null when none is. Cached like <see cref="TenantDirectory"/>; the tenant record must still list
/// the directory, so a stale mapping never grants access.
/// </summary>
public sealed class DirectoryTenantResolver(IDocumentStore store, TimeProvider clock, AccessCacheSettings settings)
{
    private sealed record Entry(string? TenantId);

    private readonly ExpiringCache<Entry> _cache = new(clock, settings.Ttl);

    public async ValueTask<string?> ResolveAsync(string directoryId, CancellationToken ct)
    {
        if (!DirectoryIds.TryNormalize(directoryId, out var id))
        {
            return null;
        }

        var entry = await _cache.GetOrLoadAsync(id, async token =>
        {
            var mapping = await store.GetAsync<DirectoryMappingRecord>(TenantId.Platform, id, token).ConfigureAwait(false);
            if (mapping is null)
            {
                return new Entry(null);
            }

            var tenant = await store.GetAsync<TenantRecord>(TenantId.Platform, mapping.Value.TenantId, token).ConfigureAwait(false);
            return new Entry(tenant?.Value.EntraTenantIds.Contains(id, StringComparer.Ordinal) == true ? tenant.Value.Id : null);
        }, ct).ConfigureAwait(false);
        return entry!.TenantId;
    }

    public void Invalidate(IEnumerable<string> directoryIds)
    {
        foreach (var id in directoryIds)
        {
            _cache.Remove(id);
        }
    }
}

public static class DirectoryIds
{
    /// <summary>Entra directory ids are GUIDs; stored lower-case with dashes.</summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = Guid.TryParse(value, out var guid) ? guid.ToString("D") : string.Empty;
        return normalized.Length > 0;
    }
}
