using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Outbox;

/// <summary>How outbox records become messages (the message schema of docs/integration-events.md).</summary>
public static class OutboxMessages
{
    public const string NotificationSubjectPrefix = "notification.";

    public static OutboxMessage Of(TenantId tenant, IntegrationEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var body = JsonSerializer.Serialize(new EventBody(e.Id, e.Type, tenant.Value, e.OccurredAt, e.Data), EdTechJson.Options);
        return new OutboxMessage(tenant, OutboxMessage.IdOf(tenant, Containers.IntegrationEvents, e.Id), e.Type,
            IntegrationEventTypes.Ordered.Contains(e.Type) ? tenant.Value : null, body, Containers.IntegrationEvents);
    }

    /// <summary>
    /// One message per event the document holds (<see cref="IntegrationEventFolds"/>), each with its own id, in order; then one per
    /// notification it carries, each the message the notification outbox would send for it (same id, subject and body).
    /// </summary>
    public static IEnumerable<OutboxMessage> AllOf(TenantId tenant, IntegrationEventRecord stored) =>
        IntegrationEventFolds.Expand(stored).Select(e => Of(tenant, e)).Concat(IntegrationEventFolds.NotificationsOf(stored).Select(n => Of(tenant, n)));

    /// <summary>Notifications go out unordered (one recipient each): no session.</summary>
    public static OutboxMessage Of(TenantId tenant, NotificationRecord n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var body = JsonSerializer.Serialize(new NotificationBody(tenant.Value, n.Id, n.RecipientId, n.Kind, n.Subject, n.Data, n.CreatedAt), EdTechJson.Options);
        return new OutboxMessage(tenant, OutboxMessage.IdOf(tenant, Containers.Notifications, n.Id), NotificationSubjectPrefix + n.Kind, null, body, Containers.Notifications);
    }

    private sealed record EventBody(string Id, string Type, string TenantId, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, string> Data);

    private sealed record NotificationBody(string TenantId, string Id, string RecipientId, string Kind, string Subject, IReadOnlyDictionary<string, string> Data, DateTimeOffset CreatedAt);
}
