using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One accountable event about a student: a grade change or a staff read (FERPA disclosure log).
/// Partitioned by the subject student, so a student's export or erasure is one partition.
/// Written only through <see cref="Audit.IAuditLog"/>, which appends and never edits.
/// </summary>
/// <param name="Folded">
/// Entries stored in this entry's document after it (same subject, actor and time): one write for several entries. Readers
/// never show it: they expand a document into its entries (<see cref="Audit.AuditFolds"/>, docs/grading.md "Folded writes").
/// </param>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string ActorUserId,
    IReadOnlyList<string> ActorRoles,
    string Action,
    string SubjectUserId,
    string? Resource,
    string? Old = null,
    string? New = null,
    string? Reason = null,
    IReadOnlyList<AuditEntry>? Folded = null) : IStoredRecord
{
    public static string Container => Containers.Audit;

    public string PartitionKey => SubjectUserId;
}
