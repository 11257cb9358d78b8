using EdTech.Domain.Submissions;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>Read model: the attempt that counts for one student and assessment. Id "{courseId}:{userId}:{assessmentId}".</summary>
public sealed record GradebookEntry(
    string Id,
    string CourseId,
    string UserId,
    string AssessmentId,
    string SubmissionId,
    SubmissionStatus Status,
    DateTimeOffset SubmittedAt,
    decimal MaxScore,
    decimal? Score) : IStoredRecord
{
    public static string Container => Containers.Gradebook;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string userId, string assessmentId) => $"{courseId}:{userId}:{assessmentId}";
}
