using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Submissions;

/// <summary>
/// A store where another writer wins a create: just before the first create of <paramref name="racedId"/>, the racer
/// writes its own document there (as a concurrent submit on another instance would), so the create finds it existing.
/// </summary>
public sealed class RacingStore(IDocumentStore inner, string racedId, Func<IDocumentStore, Task> racer) : IDocumentStore
{
    private bool _raced;

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        if (id == racedId && !_raced)
        {
            _raced = true;
            await racer(inner);
        }

        return await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
    }

    public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);
}
