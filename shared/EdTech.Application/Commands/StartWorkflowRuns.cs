using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Commands;

/// <summary>
/// Change-feed consumer: every requested workflow run gets its workflow (<see cref="WorkflowRunStarter"/>). Reads the run
/// again first, so a redelivered change of a run finished since starts nothing.
/// </summary>
public sealed class StartWorkflowRuns(IDocumentStore store, WorkflowRunStarter starter) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.StartWorkflowRuns.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.StartWorkflowRuns.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.StartWorkflowRuns.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var requested = changes
            .Where(c => c.Container == Storage.Containers.WorkflowRuns)
            .DistinctBy(c => (c.Tenant, c.Id))
            .Where(c => TypedDocumentStore.Read<WorkflowRunRecord>(c).Value.Status == WorkflowRunStatus.Requested);
        foreach (var change in requested)
        {
            if (await store.GetAsync<WorkflowRunRecord>(change.Tenant, change.Id, cancellationToken).ConfigureAwait(false) is { } current)
            {
                await starter.StartAsync(change.Tenant, current.Value, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
