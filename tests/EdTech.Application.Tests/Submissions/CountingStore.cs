using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Submissions;

/// <summary>Counts creates per container; the creates in <paramref name="failingContainer"/> fail (a store error on that write).</summary>
public sealed class CountingStore(IDocumentStore inner, string? failingContainer = null) : IDocumentStore
{
    private readonly Dictionary<string, int> _creates = new(StringComparer.Ordinal);

    public int CreatesIn(string container)
    {
        lock (_creates)
        {
            return _creates.GetValueOrDefault(container);
        }
    }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        lock (_creates)
        {
            _creates[container] = _creates.GetValueOrDefault(container) + 1;
        }

        if (container == failingContainer)
        {
            await Task.Yield();
            throw new IOException($"store unavailable for {container}");
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
