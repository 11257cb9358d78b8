using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Usage;

/// <summary>
/// A store that runs <paramref name="interleave"/> (another writer's whole piece of work) just before the first replace of a
/// document of <paramref name="container"/>, so that replace meets a write made after its read, deterministically.
/// </summary>
public sealed class InterleavingStore(IDocumentStore inner, string container, Func<Task> interleave) : IDocumentStore
{
    private Func<Task>? _pending = interleave;

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);

    public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        if (container == this.Container && Interlocked.Exchange(ref _pending, null) is { } run)
        {
            await run();
        }

        return await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private string Container { get; } = container;
}
