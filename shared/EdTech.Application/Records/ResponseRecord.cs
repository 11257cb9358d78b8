using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>One scored answer kept for calibration. Id "{submissionId}:{itemId}" (a regrade overwrites it), partitioned by course.</summary>
public sealed record ResponseRecord(string Id, string CourseId, string AssessmentId, string ItemId, string UserId, string SubmissionId, int AssessmentVersion,
    bool Correct, DateTimeOffset AnsweredAt) : IStoredRecord
{
    public static string Container => Containers.Responses;

    public string PartitionKey => CourseId;

    public static string IdFor(string submissionId, string itemId) => $"{submissionId}:{itemId}";
}
