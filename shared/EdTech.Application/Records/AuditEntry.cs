using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One accountable event about a student: a grade change or a staff read (FERPA disclosure log).
/// Partitioned by the subject student, so a student's export or erasure is one partition.
/// Written only through <see cref="Audit.IAuditLog"/>, which appends and never edits.
/// </summary>
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
    string? Reason = null) : IStoredRecord
{
    public static string Container => Containers.Audit;

    public string PartitionKey => SubjectUserId;
}
