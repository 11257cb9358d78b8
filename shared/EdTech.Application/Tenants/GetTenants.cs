using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

public sealed class GetTenantsHandler(IDocumentStore store)
{
    public async Task<Outcome<Versioned<TenantRecord>>> GetAsync(string id, CancellationToken ct)
    {
        var found = TenantId.IsValid(id) ? await store.GetAsync<TenantRecord>(TenantId.Platform, id, ct).ConfigureAwait(false) : null;
        return found is null ? Problem.NotFound("tenant") : Outcome<Versioned<TenantRecord>>.Ok(found);
    }

    /// <summary>All tenants in id order, or the direct children of one group.</summary>
    public async Task<Outcome<IReadOnlyList<TenantRecord>>> ListAsync(string? parentId, CancellationToken ct)
    {
        if (parentId is not null && !TenantId.IsValid(parentId))
        {
            return Problem.Invalid("parentId", "Not a tenant id.");
        }

        var query = parentId is null ? DocumentQuery.All : DocumentQuery.Where("parentId", parentId);
        var found = await store.QueryAsync<TenantRecord>(TenantId.Platform, query, ct).ConfigureAwait(false);
        return Outcome<IReadOnlyList<TenantRecord>>.Ok(found.Select(t => t.Value).ToList());
    }
}
