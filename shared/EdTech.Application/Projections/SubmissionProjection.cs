using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Projections;

/// <summary>
/// Keeps the student's submission view and the course gradebook in step with the write model (through
/// <see cref="SubmissionViews"/>, which the grading batch also uses right after its writes). Idempotent: a view only moves
/// forward (by the submission's change sequence), and the gradebook keeps the attempt that counts (the latest graded one, else
/// the latest). A change whose submission is gone (erased after the change was read) is skipped, so the projection never
/// re-creates erased data.
/// </summary>
public sealed class SubmissionProjection(IDocumentStore store, TeacherQueryCache cache) : IChangeFeedHandler
{
    private readonly SubmissionViews _views = new(store, cache);

    public string Name => ChangeFeedCatalog.SubmissionProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.SubmissionProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.SubmissionProjection.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        // Each change is parsed once: for its gradebook key (the order), then for the view and the row.
        var latest = KeyedBatch.LatestVersions(changes);
        var submissions = latest.ToDictionary<StoredDocument, StoredDocument, SubmissionRecord>(c => c, c => TypedDocumentStore.Read<SubmissionRecord>(c).Value, ReferenceEqualityComparer.Instance);
        return CourseProjectionBatch.ApplyAsync(latest, c => SubmissionViews.GradebookKey(submissions[c]), (c, ct) => ApplyAsync(c, submissions[c], ct), cache, cancellationToken);
    }

    /// <summary>Applies one change; returns the course whose gradebook changed (its cached reads are then invalidated), or null.</summary>
    private Task<string?> ApplyAsync(StoredDocument change, SubmissionRecord submission, CancellationToken cancellationToken) =>
        _views.ApplyAsync(change.Tenant, submission, change.Sequence,
            async ct => await store.GetAsync(change.Tenant, Storage.Containers.Submissions, change.Id, ct).ConfigureAwait(false) is not null, cancellationToken);
}
