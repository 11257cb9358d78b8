using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Notifications;

/// <summary>
/// Change-feed consumer of the outbox: sends each pending notification through <see cref="INotificationSender"/>
/// and marks it sent (ETag write), notifications of a batch concurrently (<see cref="KeyedBatch"/>: a release of
/// 100,000 results queues as many). A re-delivered change finds the current document already sent and does nothing;
/// a crash between sending and marking calls the sender again with the same id, which adapters deduplicate
/// (<see cref="INotificationSender"/>).
/// </summary>
public sealed class NotificationDispatcher(IDocumentStore store, INotificationSender sender, TimeProvider clock, ILogger<NotificationDispatcher> logger) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.NotificationDispatch.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.NotificationDispatch.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.NotificationDispatch.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) =>
        KeyedBatch.ForEachAsync(changes, KeyedBatch.ById, DispatchAsync, cancellationToken);

    private async Task DispatchAsync(StoredDocument change, CancellationToken cancellationToken)
    {
        // The change may be stale (already sent, or erased since): the current document decides.
        var current = await store.GetAsync<NotificationRecord>(change.Tenant, change.Id, change.Partition, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Value.Status != NotificationRecord.Pending)
        {
            return;
        }

        await sender.SendAsync(change.Tenant, current.Value, cancellationToken).ConfigureAwait(false);
        var sent = current.Value with { Status = NotificationRecord.Sent, SentAt = clock.GetUtcNow() };
        var (status, _) = await store.ReplaceAsync(change.Tenant, sent, current.ETag, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Dispatched notification {NotificationId} ({Kind}) in {TenantId}: {WriteStatus}", change.Id, current.Value.Kind, change.Tenant, status);
    }
}
