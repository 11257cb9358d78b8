using EdTech.Domain.Submissions;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// Read model: the attempt that counts for one student and assessment. Id "{courseId}:{userId}:{assessmentId}".
/// <paramref name="SourceSequence"/> is the feed position of the submission version it shows (0 in rows written before it was
/// kept): a version of the same attempt older than the one shown never replaces it (<see cref="Projections.SubmissionViews.Counts"/>).
/// </summary>
public sealed record GradebookEntry(
    string Id,
    string CourseId,
    string UserId,
    string AssessmentId,
    string SubmissionId,
    SubmissionStatus Status,
    DateTimeOffset SubmittedAt,
    decimal MaxScore,
    decimal? Score,
    long SourceSequence = 0) : IStoredRecord
{
    public static string Container => Containers.Gradebook;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string userId, string assessmentId) => $"{courseId}:{userId}:{assessmentId}";
}
