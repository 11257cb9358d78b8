using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Lifecycle;

/// <summary>
/// A store that runs <paramref name="hook"/> once, just before the first write (create or replace) of <paramref name="id"/> in
/// <paramref name="container"/>: another request landing at exactly that point of this one.
/// </summary>
public sealed class HookedStore(IDocumentStore inner, string container, string id, Func<Task> hook) : IDocumentStore
{
    private int _fired;

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        await FireAsync(container, id);
        return await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
    }

    public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await FireAsync(container, id);
        return await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private async Task FireAsync(string writtenContainer, string writtenId)
    {
        if (writtenContainer == container && writtenId == id && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await hook();
        }
    }
}
