using System.Collections.Concurrent;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>Forwards to the real store and counts reads and successful writes per document, so tests can prove "wrote nothing".</summary>
public sealed class CountingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private string? _failOnce;

    /// <summary>How many injected failures were thrown.</summary>
    public int InjectedFailures { get; private set; }

    public int ReadsOf(string container, string id) => _reads.GetValueOrDefault(Key(container, id));

    public int WritesOf(string container, string id) => _writes.GetValueOrDefault(Key(container, id));

    /// <summary>Successful writes (creates and replaces) per container so far, for "how many writes per submission" counts.</summary>
    public IReadOnlyDictionary<string, int> WritesByContainer() =>
        _writes.GroupBy(w => w.Key[..w.Key.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(w => w.Value), StringComparer.Ordinal);

    /// <summary>The next write of that document fails once, before reaching the store: a step that dies mid-way and is retried.</summary>
    public void FailNextWriteOf(string container, string id) => _failOnce = Key(container, id);

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(Key(container, id), 1, (_, n) => n + 1);
        return inner.GetAsync(tenant, container, id, cancellationToken);
    }

    public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
        Count(container, id, await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken));

    public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var armed = _failOnce;
        if (armed == Key(container, id) && ReferenceEquals(Interlocked.CompareExchange(ref _failOnce, null, armed), armed))
        {
            InjectedFailures++;
            throw new IOException($"Injected failure writing {armed}");
        }

        return Count(container, id, await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken));
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private WriteResult Count(string container, string id, WriteResult result)
    {
        if (result.Status is WriteStatus.Created or WriteStatus.Replaced)
        {
            _writes.AddOrUpdate(Key(container, id), 1, (_, n) => n + 1);
        }

        return result;
    }

    private static string Key(string container, string id) => container + "/" + id;
}
