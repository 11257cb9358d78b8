using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Projections;

/// <summary>
/// Keeps the student's submission view and the course gradebook in step with the write model.
/// Idempotent: a view only moves forward (by the submission's change sequence), and the gradebook
/// keeps the attempt that counts (the latest graded one, else the latest). A change whose submission is
/// gone (erased after the change was read) is skipped, so the projection never re-creates erased data.
/// </summary>
public sealed class SubmissionProjection(IDocumentStore store, TeacherQueryCache cache) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.SubmissionProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.SubmissionProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.SubmissionProjection.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        // Each change is parsed once: for its gradebook key (the order), then for the view and the row.
        var latest = KeyedBatch.LatestVersions(changes);
        var submissions = latest.ToDictionary<StoredDocument, StoredDocument, SubmissionRecord>(c => c, c => TypedDocumentStore.Read<SubmissionRecord>(c).Value, ReferenceEqualityComparer.Instance);
        return CourseProjectionBatch.ApplyAsync(latest, c => GradebookKey(submissions[c]), (c, ct) => ApplyAsync(c, submissions[c], ct), cache, cancellationToken);
    }

    /// <summary>Attempts of one student at one assessment share a gradebook row, so they are applied in order.</summary>
    private static string GradebookKey(SubmissionRecord s) => GradebookEntry.IdFor(s.CourseId, s.UserId, s.AssessmentId);

    /// <summary>Applies one change; returns the course whose gradebook changed (its cached reads are then invalidated), or null.</summary>
    private async Task<string?> ApplyAsync(StoredDocument change, SubmissionRecord submission, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(change.Tenant, Storage.Containers.Submissions, change.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        await UpsertViewAsync(change.Tenant, ToView(submission, change.Sequence), cancellationToken).ConfigureAwait(false);
        return await UpsertGradebookAsync(change.Tenant, submission, cancellationToken).ConfigureAwait(false) ? submission.CourseId : null;
    }

    public static SubmissionViewRecord ToView(SubmissionRecord s, long sequence) =>
        new(s.Id, s.AssessmentId, s.CourseId, s.UserId, s.Status, s.Late, s.ReceivedAt, s.MaxScore, s.Score, sequence,
            RubricItems: s.ItemScores?.Where(i => i.Rubric is not null).ToList() is { Count: > 0 } rubricItems ? rubricItems : null);

    private async Task UpsertViewAsync(TenantId tenant, SubmissionViewRecord view, CancellationToken ct)
    {
        var existing = await store.GetAsync<SubmissionViewRecord>(tenant, view.Id, view.PartitionKey, ct).ConfigureAwait(false);
        if (existing is null || (existing.Value.SourceSequence < view.SourceSequence && !SameContent(existing.Value, view)))
        {
            Written.Ensure(await store.ReplaceAsync(tenant, view, existing?.ETag, ct).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Whether the stored view already shows what <paramref name="view"/> shows (only the source sequence differs): then it is
    /// not rewritten. The common case is the accepted change of a submission whose view the submit itself wrote (sequence 0):
    /// one write per submission saved at the exam peak. Skipping keeps the older sequence, which is safe: a later change
    /// with other content has a higher sequence and is written, and a redelivered older change shows the same content.
    /// Rubric items are compared by reference (a list): views that carry them are rewritten, as before.
    /// </summary>
    public static bool SameContent(SubmissionViewRecord stored, SubmissionViewRecord view) =>
        stored with { SourceSequence = view.SourceSequence } == view;

    private async Task<bool> UpsertGradebookAsync(TenantId tenant, SubmissionRecord s, CancellationToken ct)
    {
        var entry = new GradebookEntry(GradebookEntry.IdFor(s.CourseId, s.UserId, s.AssessmentId), s.CourseId, s.UserId, s.AssessmentId,
            s.Id, s.Status, s.ReceivedAt, s.MaxScore, s.Score);
        var existing = await store.GetAsync<GradebookEntry>(tenant, entry.Id, ct).ConfigureAwait(false);
        // An identical row (a redelivered change, or two versions of a submission that show the same) is not rewritten.
        if (existing is null || (existing.Value != entry && Counts(entry, existing.Value)))
        {
            Written.Ensure(await store.ReplaceAsync(tenant, entry, existing?.ETag, ct).ConfigureAwait(false));
            return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="candidate"/> should replace <paramref name="current"/> as the attempt that counts.</summary>
    public static bool Counts(GradebookEntry candidate, GradebookEntry current)
    {
        if (candidate.SubmissionId == current.SubmissionId)
        {
            return true;
        }

        var candidateGraded = candidate.Status.IsFinished();
        var currentGraded = current.Status.IsFinished();
        return candidateGraded == currentGraded ? candidate.SubmittedAt >= current.SubmittedAt : candidateGraded;
    }
}
