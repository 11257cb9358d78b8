using EdTech.Application.Assessments;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Commands;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Grading.Regrade;

/// <summary>
/// Change-feed safety net behind the edit endpoint: an assessment at version N > 1 whose scoring differs from
/// its frozen version N-1 gets its regrade run recorded (<see cref="WorkflowRuns"/>, create-once per version), which
/// <see cref="StartWorkflowRuns"/> then starts. The edit records it before its answer; this covers a crash between the
/// assessment's write and the run's.
/// </summary>
public sealed class StartRegradeOnNewVersion(IDocumentStore store, WorkflowRuns runs) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.StartRegrade.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.StartRegrade.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.StartRegrade.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var current = TypedDocumentStore.Read<AssessmentRecord>(change).Value;
            if (current.Version <= 1)
            {
                continue;
            }

            var previous = await store.GetAsync<AssessmentVersionRecord>(change.Tenant, AssessmentVersionRecord.IdOf(current.Id, current.Version - 1), current.CourseId, cancellationToken).ConfigureAwait(false);
            if (previous is not null && AssessmentChanges.ScoringChanged(previous.Value.Assessment, current.Assessment))
            {
                await runs.RequestAsync(change.Tenant, WorkflowRunRecord.RegradeKind, current.Id, current.Version, current.CourseId, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
