using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// A submission's scored answers kept for calibration: one document per submission (id the submission's id, partition the
/// course), so learner-state writes one response document per submission, not one per item. Each item's entry is also the item
/// statistics' processed-marker for that answer (<see cref="ItemResponse.EloK"/>), all under one ETag. A regrade replaces the
/// whole document; an item no longer scored keeps its entry, as its own document stayed before the fold. Stores written before
/// the fold still hold <see cref="ResponseRecord"/>s (id "{submissionId}:{itemId}"); readers expand both shapes
/// (<see cref="Learning.StoredResponses"/>), this document winning for its submission.
/// </summary>
/// <param name="Items">In item id order.</param>
public sealed record SubmissionResponsesRecord(string Id, string CourseId, string AssessmentId, string UserId, string SubmissionId, int AssessmentVersion,
    DateTimeOffset AnsweredAt, IReadOnlyList<ItemResponse> Items) : IStoredRecord
{
    public static string Container => Containers.Responses;

    public string PartitionKey => CourseId;

    /// <summary>The submission's id: submission ids hold no ':', so it never equals a per-item id "{submissionId}:{itemId}".</summary>
    public static string IdFor(string submissionId) => submissionId;

    /// <summary>Each entry as the per-item document it replaces (its id "{submissionId}:{itemId}"), in item id order.</summary>
    public IEnumerable<ResponseRecord> Expand() =>
        Items.Select(i => new ResponseRecord(ResponseRecord.IdFor(SubmissionId, i.ItemId), CourseId, AssessmentId, i.ItemId, UserId, SubmissionId, AssessmentVersion,
            i.Correct, AnsweredAt, i.EloK));
}

/// <summary>One scored answer of a <see cref="SubmissionResponsesRecord"/>; <see cref="EloK"/> as in <see cref="ResponseRecord.EloK"/>.</summary>
public sealed record ItemResponse(string ItemId, bool Correct, double? EloK = null);
