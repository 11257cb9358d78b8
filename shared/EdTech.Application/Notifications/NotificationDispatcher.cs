using EdTech.Application.ChangeFeed;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Notifications;

/// <summary>
/// Change-feed consumer of the notification outbox: publishes the batch's pending notifications through
/// <see cref="IOutboxPublisher"/> in one call (<see cref="OutboxRelay"/>). A re-delivered change (a crash before the checkpoint, a
/// retry) publishes again with the same message id, which the broker's duplicate detection (or the file adapter's memory) drops.
/// </summary>
public sealed class NotificationDispatcher(IDocumentStore store, IOutboxPublisher publisher, OutboxErasure erasure, ILogger<NotificationDispatcher> logger) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.NotificationDispatch.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.NotificationDispatch.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.NotificationDispatch.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        var published = await OutboxRelay.RelayAsync<NotificationRecord>(store, publisher, erasure, changes,
            n => n.Status == NotificationStatus.Pending,
            (tenant, n) => [OutboxMessages.Of(tenant, n)],
            cancellationToken).ConfigureAwait(false);
        if (published > 0)
        {
            logger.LogInformation("Dispatched {Count} notifications of {Changes} changes", published, changes.Count);
        }
    }
}
