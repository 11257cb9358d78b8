using EdTech.Domain.Tenancy;

namespace EdTech.Application.Storage;

/// <summary>
/// The document-store port. Every call names its tenant: a key is (tenant, container, id), so no
/// call can read or write another tenant's documents. Writes are durable when the task completes.
/// Adapters: SQLite (embedded default), Cosmos DB (hierarchical partition key /tenantId/partition).
/// </summary>
public interface IDocumentStore
{
    Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default);

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
