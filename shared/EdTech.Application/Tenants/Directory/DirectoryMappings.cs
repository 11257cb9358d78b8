using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants.Directory;

/// <summary>Keeps the directory-id index in step with a tenant's <see cref="TenantRecord.EntraTenantIds"/>.</summary>
public static class DirectoryMappings
{
    /// <summary>
    /// Claims every id in <paramref name="wanted"/> for the tenant. An id another tenant holds (and still
    /// lists) is a conflict naming the field; a mapping its old tenant no longer lists is taken over.
    /// </summary>
    public static async Task<Problem?> ClaimAsync(IDocumentStore store, string tenantId, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        for (var i = 0; i < wanted.Count; i++)
        {
            var id = wanted[i];
            var existing = await store.GetAsync<DirectoryMappingRecord>(TenantId.Platform, id, ct).ConfigureAwait(false);
            if (existing is null)
            {
                var (status, stored) = await store.CreateAsync(TenantId.Platform, new DirectoryMappingRecord(id, tenantId), ct).ConfigureAwait(false);
                if (status == WriteStatus.Created || stored!.Value.TenantId == tenantId)
                {
                    continue;
                }

                existing = stored;
            }

            if (existing.Value.TenantId == tenantId)
            {
                continue;
            }

            var holder = await store.GetAsync<TenantRecord>(TenantId.Platform, existing.Value.TenantId, ct).ConfigureAwait(false);
            if (holder?.Value.EntraTenantIds.Contains(id, StringComparer.Ordinal) == true)
            {
                return Problem.Conflict($"entraTenantIds[{i}]: directory '{id}' already belongs to tenant '{holder.Value.Id}'.");
            }

            var (replaced, _) = await store.ReplaceAsync(TenantId.Platform, new DirectoryMappingRecord(id, tenantId), existing.ETag, ct).ConfigureAwait(false);
            if (replaced == WriteStatus.PreconditionFailed)
            {
                return Problem.Conflict($"Directory '{id}' is being mapped concurrently; retry.");
            }
        }

        return null;
    }

    /// <summary>Removes the index entries of ids the tenant no longer lists (only where they still point at it).</summary>
    public static async Task ReleaseAsync(IDocumentStore store, string tenantId, IEnumerable<string> released, CancellationToken ct)
    {
        foreach (var id in released)
        {
            var existing = await store.GetAsync<DirectoryMappingRecord>(TenantId.Platform, id, ct).ConfigureAwait(false);
            if (existing?.Value.TenantId == tenantId)
            {
                await store.DeleteAsync(TenantId.Platform, Containers.DirectoryMappings, id, existing.ETag, ct).ConfigureAwait(false);
            }
        }
    }
}
