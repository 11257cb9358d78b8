using System.Globalization;
using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;

namespace EdTech.Application.Lists.Admin;

/// <summary>One audit entry as the admin's list shows it (<c>studentId</c> is the entry's subject; an erasure tombstone's is a pseudonym).</summary>
public sealed record AuditEntryView(
    string EntryId, DateTimeOffset At, string ActorId, IReadOnlyList<string> ActorRoles, string Action, string StudentId, string? Resource,
    string? Old, string? New, string? Reason);

/// <summary>The audit list's filters: <c>studentId</c> (the subject), <c>actorId</c>, <c>from</c> (inclusive), <c>to</c> (exclusive).</summary>
public sealed record AuditFilter(string? StudentId, string? ActorId, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>What the store's query checks, checked on one entry.</summary>
    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (StudentId is null || entry.SubjectUserId == StudentId) && (ActorId is null || entry.ActorUserId == ActorId)
            && (From is null || entry.At >= From) && (To is null || entry.At < To);
    }
}

/// <summary>
/// GET /api/admin/audit?studentId=&amp;actorId=&amp;from=&amp;to=: the tenant's audit entries, paged by entry id (ids are not
/// chronological: narrow by time with <c>from</c>/<c>to</c>). One query: with <c>studentId</c> in that student's partition of
/// <c>audit</c> (partitioned by subject), otherwise on the tenant's key prefix (cross-partition); <c>actorId</c> an equality on
/// <c>actorUserId</c>, <c>from</c> (inclusive) and <c>to</c> (exclusive) a range on <c>at</c>, both indexed. <c>at</c> is
/// stored as UTC ISO 8601 text, which orders as time; the bounds are written the same way.
/// </summary>
public sealed class ListAuditHandler(IDocumentStore store)
{
    public async Task<Outcome<Page<AuditEntryView>>> HandleAsync(
        Caller caller, string? studentId, string? actorId, string? from, string? to, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DateTimeOffset? start = null, end = null;
        var request = ListPaging.Parse(limit, next, v =>
        {
            v.Id(studentId, "studentId").Id(actorId, "actorId");
            start = Instant(v, from, "from");
            end = Instant(v, to, "to");
            v.Require(start is null || end is null || start < end, "to", "After 'from'.");
        });
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        return Outcome<Page<AuditEntryView>>.Ok(await PageAsync(caller, new AuditFilter(studentId, actorId, start, end), size, after, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The page of <paramref name="size"/> entries after the entry id <paramref name="afterId"/> (the decoded <c>next</c>). A stored
    /// document may hold several entries (<see cref="AuditFolds"/>): the page is of entries, in entry id order, as if each were its own
    /// document.
    /// </summary>
    public async Task<Page<AuditEntryView>> PageAsync(Caller caller, AuditFilter filter, int size, string? afterId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var fields = filter.ActorId is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["actorUserId"] = filter.ActorId };
        var conditions = new List<FieldCondition>();
        if (filter.From is { } s)
        {
            conditions.Add(FieldCondition.Of("at", FieldMatchKind.AtLeast, StoredText(s)));
        }

        if (filter.To is { } e)
        {
            conditions.Add(FieldCondition.Of("at", FieldMatchKind.Below, StoredText(e)));
        }

        var documents = (await store.QueryAsync<AuditEntry>(caller.Tenant, new DocumentQuery(filter.StudentId, fields, size + 1, afterId, conditions), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        var straddling = afterId is null ? null : await StraddlingAsync(caller, filter, AuditFolds.HeadStraddling(afterId), ct).ConfigureAwait(false);
        return ListPaging.Of(AuditFolds.PageAfter(documents, straddling, afterId, size + 1), size,
            a => new AuditEntryView(a.Id, a.At, a.ActorUserId, a.ActorRoles, a.Action, a.SubjectUserId, a.Resource, a.Old, a.New, a.Reason),
            a => a.Id);
    }

    /// <summary>
    /// The folded document before the cursor that still holds entries after it (the previous page ended inside it), when it
    /// matches the filters: its head shares subject, actor and time with its folded entries, so the head decides. One point read
    /// (by id across the tenant's partitions without <c>studentId</c>), only for a cursor inside such a fold's id range.
    /// </summary>
    private async Task<AuditEntry?> StraddlingAsync(Caller caller, AuditFilter filter, string? headId, CancellationToken ct)
    {
        if (headId is null)
        {
            return null;
        }

        var stored = filter.StudentId is null
            ? await store.GetAsync<AuditEntry>(caller.Tenant, headId, ct).ConfigureAwait(false)
            : await store.GetAsync<AuditEntry>(caller.Tenant, headId, filter.StudentId, ct).ConfigureAwait(false);
        return stored is { Value: { Folded.Count: > 0 } head } && filter.Matches(head) ? head : null;
    }

    /// <summary>An instant as an entry's <c>at</c> is stored (the record serializer's UTC text), so text order is time order.</summary>
    public static string StoredText(DateTimeOffset instant) =>
        JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(instant.ToUniversalTime(), EdTechJson.Options))!;

    private static DateTimeOffset? Instant(Validation v, string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            v.Add(field, "An ISO 8601 date or date-time (UTC unless an offset is given).");
            return null;
        }

        v.Instant(instant, field);
        return instant;
    }
}
