using System.Text.Json;
using Azure.Messaging.ServiceBus;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Infrastructure.Tests.Outbox;

/// <summary>The Service Bus adapter against the SDK's own batch model (no namespace here): message shape, batching, failures.</summary>
public sealed class ServiceBusOutboxPublisherTests
{
    private static readonly TenantId Tenant = new("school-sb");
    private static readonly DateTimeOffset At = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Publish_OrderedEvent_CarriesOutboxIdTenantSessionSubjectAndJsonBody()
    {
        var topic = new List<ServiceBusMessage>();
        var record = Event("grade-changed:s-1:auto-grade", IntegrationEventTypes.GradeChanged);

        await Publisher(new FakeTopicSender(topic)).PublishAsync([OutboxMessages.Of(Tenant, record)], CancellationToken.None);

        var message = Assert.Single(topic);
        Assert.Equal("school-sb/integration-events/grade-changed:s-1:auto-grade", message.MessageId);
        Assert.Equal("school-sb", message.SessionId);
        Assert.Equal("grade-changed", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("school-sb", message.ApplicationProperties["tenantId"]);
        Assert.Equal("grade-changed", message.ApplicationProperties["type"]);
        using var body = JsonDocument.Parse(message.Body.ToString());
        Assert.Equal("grade-changed:s-1:auto-grade", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("grade-changed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("school-sb", body.RootElement.GetProperty("tenantId").GetString());
        Assert.Equal(At, body.RootElement.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("4.5", body.RootElement.GetProperty("data").GetProperty("score").GetString());
    }

    [Fact]
    public async Task Publish_UnorderedKindsAndNotifications_HaveNoSession()
    {
        var topic = new List<ServiceBusMessage>();
        var notification = new NotificationRecord("results-released:s-1", "student-1", NotificationKinds.ResultsReleased, "Your result is available",
            new Dictionary<string, string> { ["submissionId"] = "s-1" }, At);

        await Publisher(new FakeTopicSender(topic)).PublishAsync(
            [OutboxMessages.Of(Tenant, Event("results-released:s-1", IntegrationEventTypes.ResultsReleased)), OutboxMessages.Of(Tenant, notification)], CancellationToken.None);

        Assert.All(topic, m => Assert.Null(m.SessionId));
        Assert.Equal(["results-released", "notification.results-released"], topic.Select(m => m.Subject));
        // Same record id in two outboxes: two different message ids, so duplicate detection never drops one for the other.
        Assert.Equal(["school-sb/integration-events/results-released:s-1", "school-sb/notifications/results-released:s-1"], topic.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Publish_MoreThanABatchHolds_SendsSeveralBatchesInListOrder()
    {
        var topic = new List<ServiceBusMessage>();
        var sender = new FakeTopicSender(topic, maxPerBatch: 2);
        var messages = Enumerable.Range(0, 5).Select(i => OutboxMessages.Of(Tenant, Event($"grade-changed:s-{i}:auto-grade", IntegrationEventTypes.GradeChanged))).ToList();

        await Publisher(sender).PublishAsync(messages, CancellationToken.None);

        Assert.Equal([2, 2, 1], sender.BatchSizes);
        Assert.Equal(messages.Select(m => m.Id), topic.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Publish_SendFails_Throws()
    {
        var sender = new FakeTopicSender([]) { Fault = _ => SendFault.Fail };

        await Assert.ThrowsAsync<ServiceBusException>(() =>
            Publisher(sender).PublishAsync([OutboxMessages.Of(Tenant, Event("results-released:s-1", IntegrationEventTypes.ResultsReleased))], CancellationToken.None));
    }

    [Fact]
    public async Task Publish_MessageNoBatchCanHold_ThrowsNamingIt()
    {
        var sender = new FakeTopicSender([], maxPerBatch: 0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Publisher(sender).PublishAsync([OutboxMessages.Of(Tenant, Event("results-released:s-9", IntegrationEventTypes.ResultsReleased))], CancellationToken.None));

        Assert.Contains("school-sb/integration-events/results-released:s-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutboxId_LongRecordId_IsHashedToServiceBusLimit_StillTenantPrefixedAndStable()
    {
        var recordId = $"grade-changed:{new string('a', 128)}:score:etag";

        var id = OutboxMessage.IdOf(Tenant, "integration-events", recordId);

        Assert.Equal(OutboxMessage.IdOf(Tenant, "integration-events", recordId), id);
        Assert.True(id.Length <= OutboxMessage.MaxIdLength);
        Assert.StartsWith("school-sb/", id, StringComparison.Ordinal);
        Assert.NotEqual(id, OutboxMessage.IdOf(new TenantId("other"), "integration-events", recordId));
    }

    private static ServiceBusOutboxPublisher Publisher(ServiceBusSender sender) => new(sender, NullLogger<ServiceBusOutboxPublisher>.Instance);

    private static IntegrationEventRecord Event(string id, string type) =>
        new(id, type, "student-1", new Dictionary<string, string> { ["submissionId"] = "s-1", ["score"] = "4.5" }, At);
}
