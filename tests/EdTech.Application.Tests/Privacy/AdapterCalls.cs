using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>Between the erasure guard and the adapter: counts the erasure-marker reads (the audit container) and the writes and deletes that reach the adapter.</summary>
public sealed class AdapterCalls(IDocumentStore inner) : IDocumentStore
{
    private int _markerReads;
    private int _writes;
    private int _deletes;

    public int MarkerReads => Volatile.Read(ref _markerReads);

    public int Writes => Volatile.Read(ref _writes);

    public int Deletes => Volatile.Read(ref _deletes);

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default)
    {
        CountRead(container);
        return inner.GetAsync(tenant, container, id, cancellationToken);
    }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default)
    {
        CountRead(container);
        return inner.GetAsync(tenant, container, id, partition, cancellationToken);
    }

    public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
    }

    public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _deletes);
        return inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);
    }

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private void CountRead(string container)
    {
        if (container == Containers.Audit)
        {
            Interlocked.Increment(ref _markerReads);
        }
    }
}
