using System.Collections.Concurrent;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Projections;

/// <summary>Passes everything to the store and counts the documents written (created, replaced, deleted) and the point reads per container.</summary>
public sealed class CountingStore(IDocumentStore inner) : IDocumentStore
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>Point reads (<c>GetAsync</c>) of <paramref name="container"/>.</summary>
    public int Reads(string container) => _reads.GetValueOrDefault(container);

    public int Writes(string container) => _writes.GetValueOrDefault(container);

    public int AllWrites => _writes.Values.Sum();

    public IReadOnlyDictionary<string, int> ByContainer => new SortedDictionary<string, int>(_writes, StringComparer.Ordinal);

    public void Reset() => _writes.Clear();

    /// <summary>Runs before each create or replace is passed on, with the container (a test's racing writer goes first).</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(container, 1, (_, n) => n + 1);
        return inner.GetAsync(tenant, container, id, cancellationToken);
    }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(container, 1, (_, n) => n + 1);
        return inner.GetAsync(tenant, container, id, partition, cancellationToken);
    }

    public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        await RaceAsync(container);
        return Count(container, await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken));
    }

    public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await RaceAsync(container);
        return Count(container, await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken));
    }

    public async Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);
        if (deleted)
        {
            _writes.AddOrUpdate(container, 1, (_, n) => n + 1);
        }

        return deleted;
    }

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private Task RaceAsync(string container) => BeforeWrite?.Invoke(container) ?? Task.CompletedTask;

    private WriteResult Count(string container, WriteResult result)
    {
        if (result.Status is WriteStatus.Created or WriteStatus.Replaced)
        {
            _writes.AddOrUpdate(container, 1, (_, n) => n + 1);
        }

        return result;
    }
}
