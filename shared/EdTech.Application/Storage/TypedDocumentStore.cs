using System.Text.Json;
using EdTech.Application.Serialization;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Storage;

/// <summary>Typed access to the document store for <see cref="IStoredRecord"/> types.</summary>
public static class TypedDocumentStore
{
    /// <summary>By id: a point read when the id determines the partition (<see cref="IStoredRecord.PartitionOf"/>), else a lookup in the tenant.</summary>
    public static async Task<Versioned<T>?> GetAsync<T>(this IDocumentStore store, TenantId tenant, string id, CancellationToken ct = default)
        where T : class, IStoredRecord
    {
        var doc = T.PartitionOf(id) is { } partition
            ? await store.GetAsync(tenant, T.Container, id, partition, ct).ConfigureAwait(false)
            : await store.GetAsync(tenant, T.Container, id, ct).ConfigureAwait(false);
        return doc is null ? null : Read<T>(doc);
    }

    /// <summary>A point read: the record with this id in <paramref name="partition"/> (its <see cref="IStoredRecord.PartitionKey"/>).</summary>
    public static async Task<Versioned<T>?> GetAsync<T>(this IDocumentStore store, TenantId tenant, string id, string partition, CancellationToken ct = default)
        where T : class, IStoredRecord
    {
        var doc = await store.GetAsync(tenant, T.Container, id, partition, ct).ConfigureAwait(false);
        return doc is null ? null : Read<T>(doc);
    }

    public static async Task<(WriteStatus Status, Versioned<T>? Stored)> CreateAsync<T>(this IDocumentStore store, TenantId tenant, T record, CancellationToken ct = default)
        where T : class, IStoredRecord
    {
        var json = Serialize(record);
        var result = await store.CreateAsync(tenant, T.Container, record.Id, record.PartitionKey, json, ct).ConfigureAwait(false);
        return (result.Status, Written(record, json, result.Document));
    }

    public static async Task<(WriteStatus Status, Versioned<T>? Stored)> ReplaceAsync<T>(this IDocumentStore store, TenantId tenant, T record, string? ifMatch, CancellationToken ct = default)
        where T : class, IStoredRecord
    {
        var json = Serialize(record);
        var result = await store.ReplaceAsync(tenant, T.Container, record.Id, record.PartitionKey, json, ifMatch, ct).ConfigureAwait(false);
        return (result.Status, Written(record, json, result.Document));
    }

    /// <summary>
    /// Writes <paramref name="record"/> over exactly what was read: over <paramref name="read"/> by its ETag, or, read as absent,
    /// only as a new document (an upsert would overwrite a version another writer created meanwhile). True when it was written;
    /// false when another writer got in between (the caller reads again or gives up).
    /// </summary>
    public static async Task<bool> WriteOverAsync<T>(this IDocumentStore store, TenantId tenant, T record, Versioned<T>? read, CancellationToken ct = default)
        where T : class, IStoredRecord
    {
        var (status, _) = read is null
            ? await store.CreateAsync(tenant, record, ct).ConfigureAwait(false)
            : await store.ReplaceAsync(tenant, record, read.ETag, ct).ConfigureAwait(false);
        return status is WriteStatus.Created or WriteStatus.Replaced;
    }

    public static async Task<IReadOnlyList<Versioned<T>>> QueryAsync<T>(this IDocumentStore store, TenantId tenant, DocumentQuery query, CancellationToken ct = default)
        where T : class, IStoredRecord
    {
        var docs = await store.QueryAsync(tenant, T.Container, query, ct).ConfigureAwait(false);
        return docs.Select(Read<T>).ToList();
    }

    public static Versioned<T> Read<T>(StoredDocument doc)
        where T : class, IStoredRecord =>
        new(JsonSerializer.Deserialize<T>(doc.Json, EdTechJson.Options)!, doc.ETag, doc.Sequence, doc.TraceParent);

    /// <summary>
    /// The stored version after a write. When the adapter stored the very string this write serialized (the SQLite store hands
    /// it back; an existing document or Cosmos DB's response is another string), its value is <paramref name="record"/>: parsing
    /// the JSON just made from it again was one deserialisation per store write, for a value most callers discard.
    /// </summary>
    private static Versioned<T>? Written<T>(T record, string json, StoredDocument? document)
        where T : class, IStoredRecord =>
        document is null ? null
        : ReferenceEquals(document.Json, json) ? new(record, document.ETag, document.Sequence, document.TraceParent)
        : Read<T>(document);

    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, EdTechJson.Options);
}
