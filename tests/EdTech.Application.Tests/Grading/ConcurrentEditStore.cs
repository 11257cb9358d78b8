using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// A store where another writer changes document <paramref name="target"/> just before each of the next <paramref name="edits"/>
/// conditional replaces of it (as a concurrent edit on another instance would), so those replaces fail their ETag precondition
/// for real. Counts the conditional replaces of that id.
/// </summary>
public sealed class ConcurrentEditStore(IDocumentStore inner, string target, int edits) : IDocumentStore
{
    private int _left = edits;

    public int Replaces { get; private set; }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);

    public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        if (id == target && ifMatch is not null)
        {
            Replaces++;
            if (_left > 0)
            {
                _left--;
                var current = await inner.GetAsync(tenant, container, id, cancellationToken);
                await inner.ReplaceAsync(tenant, container, id, partition, current!.Json, ifMatch: null, cancellationToken);
            }
        }

        return await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);
}
