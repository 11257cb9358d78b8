using EdTech.Application.Storage;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Application.Records.Views;

/// <summary>
/// One scored answer kept for calibration, id "{submissionId}:{itemId}", partitioned by course: what every reader sees (the
/// calibration, the simulator, the student export) and the shape stores written before the fold hold, one document per answer.
/// Learner-state now writes one <see cref="SubmissionResponsesRecord"/> per submission instead; a per-item document is no
/// longer written, only read (and erased) until it ages out (docs/grading.md, "Responses: one document per submission").
/// <see cref="EloK"/> is the Elo step the answer's first count used (its item statistics' processed-marker), so a regrade
/// corrects the item's difficulty exactly and a redelivery counts nothing.
/// </summary>
public sealed record ResponseRecord(string Id, string CourseId, string AssessmentId, string ItemId, string UserId, string SubmissionId, int AssessmentVersion,
    bool Correct, DateTimeOffset AnsweredAt, double? EloK = null) : IStoredRecord
{
    public static string Container => Containers.Responses;

    public string PartitionKey => CourseId;

    public static string IdFor(string submissionId, string itemId) => $"{submissionId}:{itemId}";
}
