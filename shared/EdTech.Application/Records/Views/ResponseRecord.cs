using EdTech.Application.Storage;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Application.Records.Views;

/// <summary>
/// One scored answer kept for calibration. Id "{submissionId}:{itemId}" (a regrade overwrites it), partitioned by course.
/// It is also the item statistics' processed-marker for this answer: <see cref="EloK"/> is the Elo step its first count used,
/// so a regrade corrects the item's difficulty exactly and a redelivery counts nothing.
/// </summary>
public sealed record ResponseRecord(string Id, string CourseId, string AssessmentId, string ItemId, string UserId, string SubmissionId, int AssessmentVersion,
    bool Correct, DateTimeOffset AnsweredAt, double? EloK = null) : IStoredRecord
{
    public static string Container => Containers.Responses;

    public string PartitionKey => CourseId;

    public static string IdFor(string submissionId, string itemId) => $"{submissionId}:{itemId}";
}
