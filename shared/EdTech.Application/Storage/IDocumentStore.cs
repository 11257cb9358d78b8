using EdTech.Domain.Tenancy;

namespace EdTech.Application.Storage;

/// <summary>
/// The document-store port. Every call names its tenant: a key is (tenant, container, id), so no
/// call can read or write another tenant's documents. Writes are durable when the task completes.
/// Adapters: SQLite (embedded default), Cosmos DB (hierarchical partition key /tenantId/partition).
/// </summary>
public interface IDocumentStore
{
    /// <summary>
    /// The document with this id, wherever it lives in the tenant. Only for ids whose partition the caller cannot
    /// know (an id from a route); on Cosmos this is a query on the tenant's key prefix, so prefer the overload
    /// with the partition, a point read.
    /// </summary>
    Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// A point read: the document with this id in <paramref name="partition"/>, null when there is none there.
    /// The default serves adapters keyed per tenant (SQLite) and test wrappers; the Cosmos adapter overrides it
    /// with a read by id and full partition key.
    /// </summary>
    async Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var document = await GetAsync(tenant, container, id, cancellationToken).ConfigureAwait(false);
        return document is not null && string.Equals(document.Partition, partition, StringComparison.Ordinal) ? document : null;
    }

    /// <summary>Creates the document unless the id exists; never overwrites (idempotent create).</summary>
    Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the document. With <paramref name="ifMatch"/> null it is an upsert; otherwise the stored
    /// ETag must equal it (a missing document also fails the precondition).
    /// </summary>
    Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document; false when it did not exist or the ETag did not match.</summary>
    Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Documents of one tenant and container matching the query, in id order.</summary>
    Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default);
}
