using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Projections;

/// <summary>A store whose first replace of one id loses a concurrency race (as a concurrent writer would make it).</summary>
public sealed class FailingOnceStore(IDocumentStore inner, string failingId) : IDocumentStore
{
    private bool _failed;

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);

    public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        if (id == failingId && !_failed)
        {
            _failed = true;
            return Task.FromResult(new WriteResult(WriteStatus.PreconditionFailed, null));
        }

        return inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);
}
