using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// A course's usage on one UTC day, recomputed by the usage projection from that day's <see cref="UsageStudentDayRecord"/>s.
/// Counts only: no student's data. Id "{courseId}:{date}" (ids sort by date, so a date range is one keyset query).
/// </summary>
public sealed record CourseUsageDayRecord(
    string Id, string CourseId, string Date, int ActiveStudents, int ContentViews, int Submissions, int Completions, double? MedianTimeOnTaskSeconds,
    DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.CourseUsage;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string date) => $"{courseId}:{date}";
}
