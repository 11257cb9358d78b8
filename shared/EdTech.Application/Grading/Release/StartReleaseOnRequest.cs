using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Grading.Release;

/// <summary>
/// Change-feed consumer: an assessment marked released (by the teacher's "release now" before its 202, or by
/// ReleaseResults' first step) that still holds graded-not-released work gets ReleaseResults, instance
/// <c>{tenant}:release:{assessmentId}:{generation}</c>. Redelivery or a second change with nothing new is the same
/// generation, hence the same instance ("already exists" = success); an assessment deleted since, or with nothing
/// pending, is dropped. A start lost after this ran (a crash of an in-memory engine) is re-driven by the start-up and
/// timer sweeps (<see cref="DueResultsReleaser"/>), which read the same durable mark.
/// </summary>
public sealed class StartReleaseOnRequest(IDocumentStore store, IReleaseWorkflow workflow) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.StartRelease.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.StartRelease.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.StartRelease.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in KeyedBatch.LatestPerDocument(changes, Storage.Containers.Assessments))
        {
            var marked = TypedDocumentStore.Read<AssessmentRecord>(change).Value;
            if (marked.ReleasedAt is null)
            {
                continue;
            }

            // The owning record, not the change: an assessment deleted since has nothing left to release.
            var current = await store.GetAsync<AssessmentRecord>(change.Tenant, marked.Id, marked.CourseId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                continue;
            }

            var pending = await ResultsReleaser.PendingAsync(store, change.Tenant, current.Value.CourseId, current.Value.Id, cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                await workflow.StartAsync(change.Tenant, current.Value.Id, ResultsReleaser.Generation(pending), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
