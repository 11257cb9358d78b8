namespace EdTech.Application.Outbox;

/// <summary>
/// Where outbox messages leave the application: a Service Bus topic in Azure, files on the LocalHost. Called at least once per
/// message: a failure or a crash before the outbox record is marked sent publishes the same message (same
/// <see cref="OutboxMessage.Id"/>) again, so adapters pass the id on as the broker's message id (duplicate detection) or remember
/// what they wrote. Returns only when every message is accepted; throws otherwise, and the caller marks nothing sent.
/// Messages are published in list order.
/// </summary>
public interface IOutboxPublisher
{
    Task PublishAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}
