using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Privacy.Erasure;

/// <summary>
/// The document store every service sees (both hosts compose it over their adapter, <see cref="ErasureGuard"/>): a write of a
/// student's data (<see cref="StudentData.IsGuarded"/>, subject from <see cref="StudentData.SubjectOf"/>) is checked against
/// the student's erasure marker before AND after it is made. Refused before: nothing is written. Marker seen after: the
/// document just written is deleted. Either way <see cref="SubjectErasedException"/> is thrown.
/// <para>
/// Why check-write-recheck-delete and not one conditional write: the marker and the student's documents live in different
/// containers and partitions. SQLite could check and write in one transaction, but Cosmos DB has no transaction or condition
/// across partitions (a transactional batch is one partition key value), and one code path must serve both. The order makes it
/// final anyway: the erasure writes the marker, THEN scans and deletes. If the recheck after a write does not see the marker,
/// the marker was written after that write, so the erasure's scan (which follows its marker write) finds the document and deletes
/// it; if the recheck sees it, this deletes the document itself. Reads and deletes pass through.
/// </para>
/// </summary>
public sealed class ErasureGuardedStore(IDocumentStore inner) : IDocumentStore
{
    private readonly ErasureMarkers _markers = new(inner);

    /// <summary>The store this one guards (the adapter, or a test's wrapper of it).</summary>
    public IDocumentStore Inner => inner;

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, partition, cancellationToken);

    public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
        GuardAsync(tenant, container, id, partition, json, () => inner.CreateAsync(tenant, container, id, partition, json, cancellationToken), cancellationToken);

    public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
        GuardAsync(tenant, container, id, partition, json, () => inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private async Task<WriteResult> GuardAsync(
        TenantId tenant, string container, string id, string partition, string json, Func<Task<WriteResult>> write, CancellationToken ct)
    {
        // No pattern variable behind `||`: the subject is assigned on every path (mutation testing compiles each mutant of this method).
        var subject = StudentData.IsGuarded(container) ? StudentData.SubjectOf(container, partition, json) : null;
        if (string.IsNullOrEmpty(subject))
        {
            return await write().ConfigureAwait(false);
        }

        if (await _markers.IsErasedAsync(tenant, subject, ct).ConfigureAwait(false))
        {
            throw new SubjectErasedException(container);
        }

        var result = await write().ConfigureAwait(false);
        // Not cancellable from here on: a write that raced the erasure must be undone even if the caller gave up.
        if (await _markers.IsErasedAsync(tenant, subject, CancellationToken.None).ConfigureAwait(false))
        {
            await inner.DeleteAsync(tenant, container, id, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw new SubjectErasedException(container);
        }

        return result;
    }
}
