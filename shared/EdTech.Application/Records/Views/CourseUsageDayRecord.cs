using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// A course's usage on one day (the tenant's local calendar day), recomputed by the usage projection from that day's <see cref="UsageStudentDayRecord"/>s.
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

    /// <summary>Of the (student, object) pairs started that day, the share completed that day; null when nothing was started.</summary>
    public double? Completion { get; init; }

    /// <summary>The same figures per enrollment section ("" for students without one), unsuppressed: the read hides small cells.</summary>
    public IReadOnlyList<SectionUsageDay> Sections { get; init; } = [];

    /// <summary>
    /// A student-day of this day changed after <see cref="UpdatedAt"/> and today's recomputation was put off
    /// (<c>UsageProjection.TodayRecomputeInterval</c>): the read summarizes the day live instead of using these figures.
    /// </summary>
    public bool Stale { get; init; }
}

/// <summary>One section's figures of a course's day (stored unsuppressed; <c>GetCourseUsageHandler</c> hides cells under the minimum count).</summary>
public sealed record SectionUsageDay(string Section, int ActiveStudents, int ContentViews, int Submissions, int Completions, double? MedianTimeOnTaskSeconds, double? Completion);
