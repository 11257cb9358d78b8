using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Projections;

/// <summary>
/// The teachers' review queue: a submission enters when it is <c>awaiting-review</c> and leaves when it
/// moves on (graded, released); erasure deletes its entry with the student's other data. Idempotent and
/// ordered: an entry only moves forward by the submission's change sequence, and a change whose
/// submission is gone (erased after the change was read) is skipped. Submissions that never await
/// review get no entry. Changed courses' cached teacher reads are invalidated after the batch.
/// </summary>
public sealed class ReviewQueueProjection(IDocumentStore store, TeacherQueryCache cache) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.ReviewQueueProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.ReviewQueueProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.ReviewQueueProjection.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) =>
        CourseProjectionBatch.ApplyAsync(changes, KeyedBatch.ById, ApplyAsync, cache, cancellationToken);

    /// <summary>Applies one change; returns the course whose queue changed, or null.</summary>
    public async Task<string?> ApplyAsync(StoredDocument change, CancellationToken ct)
    {
        var submission = TypedDocumentStore.Read<SubmissionRecord>(change).Value;
        var existing = await store.GetAsync<ReviewQueueEntry>(change.Tenant, submission.Id, submission.CourseId, ct).ConfigureAwait(false);
        if ((existing is null && submission.Status != SubmissionStatus.AwaitingReview)
            || (existing is not null && existing.Value.SourceSequence >= change.Sequence)
            || await store.GetAsync(change.Tenant, Storage.Containers.Submissions, change.Id, ct).ConfigureAwait(false) is null)
        {
            return null;
        }

        var entry = new ReviewQueueEntry(submission.Id, submission.CourseId, submission.AssessmentId, submission.UserId, submission.Status, submission.ReceivedAt, change.Sequence);
        Written.Ensure(await store.ReplaceAsync(change.Tenant, entry, existing?.ETag, ct).ConfigureAwait(false));
        return existing?.Value.Status == entry.Status ? null : entry.CourseId;
    }
}
