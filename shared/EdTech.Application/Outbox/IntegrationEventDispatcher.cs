using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Outbox;

/// <summary>
/// Change-feed consumer of the integration-event outbox: publishes the batch's pending events in one call, in feed order
/// (<see cref="OutboxRelay"/>). Held and cancelled events are skipped; a failed publish throws, so the batch comes again with the
/// same message ids.
/// </summary>
public sealed class IntegrationEventDispatcher(IDocumentStore store, IOutboxPublisher publisher, OutboxErasure erasure, ILogger<IntegrationEventDispatcher> logger) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.IntegrationEventDispatch.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.IntegrationEventDispatch.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.IntegrationEventDispatch.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        var published = await OutboxRelay.RelayAsync<IntegrationEventRecord>(store, publisher, erasure, changes,
            e => e.Status == IntegrationEventStatus.Pending,
            OutboxMessages.AllOf,
            cancellationToken).ConfigureAwait(false);
        if (published > 0)
        {
            logger.LogInformation("Published {Count} integration events of {Changes} changes", published, changes.Count);
        }
    }
}
