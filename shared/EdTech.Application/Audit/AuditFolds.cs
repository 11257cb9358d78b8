using EdTech.Application.Records;

namespace EdTech.Application.Audit;

/// <summary>
/// One stored audit document holding several entries: the head entry at the top level, the others in
/// <see cref="AuditEntry.Folded"/>. Only entries with the same subject, actor and time fold, so the store's filters on the head
/// (partition, <c>actorUserId</c>, <c>at</c>) select exactly the documents whose entries match. Every reader expands a document
/// into its entries, each with its own id, so the API shows what one document per entry showed (docs/grading.md, "Folded writes").
/// The one fold written is a submission's auto-grade entry carrying its release entry (<see cref="GradeAudit.AutoGradedAndReleased"/>).
/// </summary>
public static class AuditFolds
{
    public static AuditEntry Of(AuditEntry head, params AuditEntry[] rest)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(rest);
        if (rest.Any(e => e.SubjectUserId != head.SubjectUserId || e.ActorUserId != head.ActorUserId || e.At != head.At || e.Folded is not null))
        {
            throw new ArgumentException("Only unfolded entries with the head's subject, actor and time fold into one document.", nameof(rest));
        }

        return head with { Folded = rest };
    }

    /// <summary>The document's entries: the head, then the folded ones.</summary>
    public static IEnumerable<AuditEntry> Expand(AuditEntry stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return [stored with { Folded = null }, .. stored.Folded ?? []];
    }

    /// <summary>
    /// The documents' entries in id order, each id once: a retried step whose first attempt stored the head alone stores the
    /// folded entry alone too (<see cref="AuditLog.AppendAsync"/>); the first document in id order holding an id wins.
    /// </summary>
    public static IReadOnlyList<AuditEntry> Expand(IEnumerable<AuditEntry> stored) =>
        stored.SelectMany(Expand).DistinctBy(e => e.Id, StringComparer.Ordinal).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The head id of the fold whose entries lie on both sides of the keyset cursor <paramref name="afterId"/> (head at or
    /// before it, a folded entry after it), or null. A fold <c>{s}:auto-grade</c> + <c>{s}:release</c> straddles exactly
    /// the cursors from <c>{s}:auto-grade</c> up to (not including) <c>{s}:release</c>; they all start with <c>{s}:</c>, and
    /// ids never contain ':', so the submission id is the cursor up to its first ':'.
    /// </summary>
    public static string? HeadStraddling(string afterId)
    {
        ArgumentNullException.ThrowIfNull(afterId);
        var colon = afterId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var submissionId = afterId[..colon];
        var head = GradeAudit.AutoGradeId(submissionId);
        return string.CompareOrdinal(head, afterId) <= 0 && string.CompareOrdinal(afterId, GradeAudit.ReleaseId(submissionId)) < 0 ? head : null;
    }

    /// <summary>
    /// One keyset page of entries. <paramref name="documents"/> is the store's page (ids after the cursor, at most
    /// <paramref name="limit"/>), <paramref name="straddling"/> the fold before the cursor whose entries go past it. A document's
    /// id is its smallest entry id, so the entries up to the last document read are complete; past it, an unread document may
    /// hold smaller ids, so when the store's page is full only entries up to its last id are taken. Returns at most
    /// <paramref name="limit"/> entries in id order: with limit = page size + 1, more than the size means a next page.
    /// </summary>
    public static IReadOnlyList<AuditEntry> PageAfter(IReadOnlyList<AuditEntry> documents, AuditEntry? straddling, string? afterId, int limit)
    {
        ArgumentNullException.ThrowIfNull(documents);
        IEnumerable<AuditEntry> entries = Expand(straddling is null ? documents : documents.Prepend(straddling))
            .Where(e => afterId is null || string.CompareOrdinal(e.Id, afterId) > 0);
        if (documents.Count >= limit)
        {
            var last = documents[^1].Id;
            entries = entries.Where(e => string.CompareOrdinal(e.Id, last) <= 0);
        }

        return entries.Take(limit).ToList();
    }
}
