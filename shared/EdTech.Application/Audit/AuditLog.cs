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
            await store.CreateAsync(tenant, entry, ct).ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            // About an erased student: not kept (the erasure's pseudonymous tombstone stands for it). The change it describes
            // is refused by the same guard when it is written, so no change goes unaudited.
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> AboutAsync(TenantId tenant, string subjectUserId, CancellationToken ct) =>
        (await store.QueryAsync<AuditEntry>(tenant, DocumentQuery.InPartition(subjectUserId), ct).ConfigureAwait(false))
            .Select(e => e.Value).ToList();

    public async Task<int> EraseSubjectAsync(TenantId tenant, string subjectUserId, AuditEntry tombstone, CancellationToken ct)
    {
        var removed = 0;
        foreach (var doc in await store.QueryAsync(tenant, Containers.Audit, DocumentQuery.InPartition(subjectUserId), ct).ConfigureAwait(false))
        {
            removed += await store.DeleteAsync(tenant, Containers.Audit, doc.Id, cancellationToken: ct).ConfigureAwait(false) ? 1 : 0;
        }

        await AppendAsync(tenant, tombstone, ct).ConfigureAwait(false);
        return removed;
    }
}
