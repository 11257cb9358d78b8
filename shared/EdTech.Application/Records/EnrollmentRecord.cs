using EdTech.Application.Storage;
using EdTech.Domain.Timing;

namespace EdTech.Application.Records;

/// <summary>
/// A user's role in one course. Id is "{courseId}:{userId}" (':' never occurs in resource ids). <see cref="Section"/> is the
/// optional cohort (class section) the analytics group students by. <see cref="Accommodation"/> is the student's extra time and
/// extensions in this course (docs/timing.md): kept on the enrollment because every submit already reads it (cached), so the
/// submit path pays no extra read for it.
/// </summary>
public sealed record EnrollmentRecord(string Id, string CourseId, string UserId, string Role, DateTimeOffset CreatedAt, string? Section = null,
    Accommodation? Accommodation = null) : IStoredRecord
{
    public static string Container => Containers.Enrollments;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string userId) => $"{courseId}:{userId}";
}
