using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Audit;

/// <summary>
/// The append-only audit log. There is deliberately no update: entries are only ever created, and the
/// one removal is erasure, which replaces a student's entries by a pseudonymous tombstone.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends the entry; an existing id is left untouched, so a derived id makes a retried step log once.</summary>
    Task AppendAsync(TenantId tenant, AuditEntry entry, CancellationToken ct);

    /// <summary>Every entry whose subject is the user, in id order.</summary>
    Task<IReadOnlyList<AuditEntry>> AboutAsync(TenantId tenant, string subjectUserId, CancellationToken ct);

    /// <summary>Erasure only: removes every entry about the user, then appends <paramref name="tombstone"/>. Returns the number removed.</summary>
    Task<int> EraseSubjectAsync(TenantId tenant, string subjectUserId, AuditEntry tombstone, CancellationToken ct);
}
