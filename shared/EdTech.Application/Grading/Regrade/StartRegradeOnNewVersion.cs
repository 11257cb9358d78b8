using EdTech.Application.Assessments.UpdateAssessment;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Grading.Regrade;

/// <summary>
/// Change-feed safety net behind the edit endpoint: an assessment at version N > 1 whose scoring differs from
/// its frozen version N-1 gets its RegradeAssessment workflow. The edit starts it directly; this covers a
/// start lost between the write and the call (crash, engine unavailable). Starting is idempotent per version.
/// </summary>
public sealed class StartRegradeOnNewVersion(IDocumentStore store, IRegradeWorkflow workflow) : IChangeFeedHandler
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
                await workflow.StartAsync(change.Tenant, current.Id, current.Version, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
