using Azure.Messaging.ServiceBus;
using EdTech.Application.Outbox;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// The Azure outbox adapter: sends to the Service Bus topic in <see cref="ServiceBusMessageBatch"/>es, in list order. MessageId is
/// the outbox id (the topic's duplicate detection drops a re-send within its window; consumers key on it beyond that), SessionId the
/// tenant for ordered kinds, Subject the event type. The client's bounded retries run per batch; when they are spent the exception
/// propagates, nothing is marked sent, and the change feed brings the batch again (batches already sent go again with the same ids).
/// </summary>
public sealed class ServiceBusOutboxPublisher(ServiceBusSender sender, ILogger<ServiceBusOutboxPublisher> logger) : IOutboxPublisher
{
    public const string JsonContentType = "application/json";

    public async Task PublishAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var next = 0;
        while (next < messages.Count)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            var first = next;
            while (next < messages.Count && batch.TryAddMessage(ToMessage(messages[next])))
            {
                next++;
            }

            if (batch.Count == 0)
            {
                // Never true of our small bodies; failing loudly beats a batch that can never go out silently blocking its lease.
                throw new InvalidOperationException($"Outbox message {messages[next].Id} is larger than a Service Bus batch allows ({batch.MaxSizeInBytes} bytes).");
            }

            await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Sent {Count} outbox messages ({FirstMessageId} .. {LastMessageId}) to {Topic}", batch.Count, messages[first].Id, messages[next - 1].Id, sender.EntityPath);
        }
    }

    public static ServiceBusMessage ToMessage(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new ServiceBusMessage(BinaryData.FromString(message.Body))
        {
            MessageId = message.Id,
            Subject = message.Subject,
            ContentType = JsonContentType,
        };
        if (message.SessionId is { } session)
        {
            sb.SessionId = session;
        }

        sb.ApplicationProperties["tenantId"] = message.Tenant.Value;
        sb.ApplicationProperties["type"] = message.Subject;
        return sb;
    }
}
