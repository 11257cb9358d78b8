using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Audit;

/// <summary><see cref="IAuditLog"/> over the tenant-scoped document store's idempotent create.</summary>
public sealed class AuditLog(IDocumentStore store) : IAuditLog
{
    public async Task AppendAsync(TenantId tenant, AuditEntry entry, CancellationToken ct)
    {
        try
        {
            // A retried step whose first attempt stored the head alone (the release was not yet due then) appends its folded
            // entries alone.
            await StoredFolds.CreateAsync(store, tenant, entry, entry.Folded, AuditFolds.Expand, ct).ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            // About an erased student: not kept (the erasure's pseudonymous tombstone stands for it). The change it describes
            // is refused by the same guard when it is written, so no change goes unaudited.
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> AboutAsync(TenantId tenant, string subjectUserId, CancellationToken ct) =>
        AuditFolds.Expand((await store.QueryAsync<AuditEntry>(tenant, DocumentQuery.InPartition(subjectUserId), ct).ConfigureAwait(false))
            .Select(e => e.Value));

    public async Task<int> EraseSubjectAsync(TenantId tenant, string subjectUserId, AuditEntry tombstone, CancellationToken ct)
    {
        var removed = 0;
        foreach (var doc in await store.QueryAsync(tenant, Containers.Audit, DocumentQuery.InPartition(subjectUserId), ct).ConfigureAwait(false))
        {
            // Entries, not documents: a folded document removes each entry it holds.
            removed += await store.DeleteAsync(tenant, Containers.Audit, doc.Id, cancellationToken: ct).ConfigureAwait(false) ? StoredFolds.RecordsIn(doc.Json) : 0;
        }

        await AppendAsync(tenant, tombstone, ct).ConfigureAwait(false);
        return removed;
    }
}
