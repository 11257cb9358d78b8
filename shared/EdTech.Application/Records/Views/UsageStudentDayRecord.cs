using EdTech.Application.Storage;
using EdTech.Domain.Usage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// What one student did in one course on one day (the tenant's local calendar day), kept by the usage projection. <see cref="EventIds"/> and
/// <see cref="SubmissionIds"/> are the ids already counted, so a redelivered change adds nothing. Id
/// "{courseId}:{date}:{userId}", partition "{courseId}:{date}" (the day's students are one partition query).
/// </summary>
public sealed record UsageStudentDayRecord(
    string Id, string CourseId, string Date, string UserId, IReadOnlyList<string> EventIds, IReadOnlyList<string> SubmissionIds,
    int ContentViews, int Completions, double? TimeOnTaskSeconds) : IStoredRecord
{
    public static string Container => Containers.UsageStudentDays;

    public string PartitionKey => PartitionFor(CourseId, Date);

    public static string? PartitionOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var last = id.LastIndexOf(':');
        return last > 0 ? id[..last] : null;
    }

    public static string PartitionFor(string courseId, string date) => $"{courseId}:{date}";

    public static string IdFor(string courseId, string date, string userId) => $"{courseId}:{date}:{userId}";

    public static UsageStudentDayRecord Empty(string courseId, string date, string userId) =>
        new(IdFor(courseId, date, userId), courseId, date, userId, [], [], 0, 0, null);

    /// <summary>The student's enrollment section when the day was first written (null: none); sections are fixed at enrolment.</summary>
    public string? Section { get; init; }

    /// <summary>Objects ("{objectType}:{objectId}") the student posted <c>started</c> for that day.</summary>
    public IReadOnlyList<string> StartedObjects { get; init; } = [];

    /// <summary>Objects the student posted <c>completed</c> for that day.</summary>
    public IReadOnlyList<string> CompletedObjects { get; init; } = [];

    public StudentDayTotals Totals => new(ContentViews, Completions, SubmissionIds.Count, TimeOnTaskSeconds, StartedObjects.Count,
        StartedObjects.Count(o => CompletedObjects.Contains(o, StringComparer.Ordinal)));
}
