using Azure.Messaging.ServiceBus;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Outbox;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Infrastructure.Tests.Outbox;

/// <summary>
/// The outbox across crashes, with the real SQLite store and its change log, the integration-event dispatcher and the Service Bus
/// adapter over a fake topic. A crash after the store write and before the feed's checkpoint (send failed, or sent and then died)
/// leaves every event pending (records are never re-written "sent"); the change feed's redelivery after a restart publishes them
/// with the same MessageId, so the topic's duplicate detection, or a consumer keyed by MessageId, processes each event exactly once.
/// </summary>
public sealed class OutboxCrashTests : IAsyncLifetime
{
    private static readonly TenantId SchoolA = new("school-a");
    private static readonly TenantId SchoolB = new("school-b");
    private readonly TempSqliteStore _temp = new("edt-outbox");
    private readonly List<ServiceBusMessage> _topic = [];
    private SqliteDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _temp.Store;
        var outbox = new IntegrationEventOutbox(_store);
        foreach (var (tenant, record) in Written)
        {
            Assert.True(await outbox.WriteAsync(tenant, record, CancellationToken.None));
            // A retried step writes the same event again: nothing new.
            Assert.False(await outbox.WriteAsync(tenant, record, CancellationToken.None));
        }
    }

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();

    [Fact]
    public async Task Crash_AfterTheTopicAcceptedABatch_BeforeTheCheckpoint_RedeliveryRepeatsTheSameIds_ConsumerProcessesEachOnce()
    {
        // Batches of 3: the first goes through, the second is accepted by the topic and then the process dies.
        var changes = await ChangesAsync();
        var crashing = new FakeTopicSender(_topic, maxPerBatch: 3) { Fault = n => n == 1 ? SendFault.AcceptThenCrash : SendFault.None };
        await Assert.ThrowsAsync<TimeoutException>(() => Dispatcher(crashing).HandleAsync(changes, CancellationToken.None));
        Assert.Equal(6, _topic.Count);
        await AssertAllAsync(IntegrationEventStatus.Pending);

        await RestartAndRedeliverAsync();

        Assert.Equal(6 + 2 * Written.Count, _topic.Count);
        var repeated = _topic.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
        Assert.Equal(Written.Count, repeated.Count);
        Assert.All(repeated, g => Assert.Single(g.Select(m => m.Body.ToString()).Distinct()));
        AssertProcessedExactlyOnceInOrder();
        await AssertAllAsync(IntegrationEventStatus.Pending);
    }

    [Fact]
    public async Task Crash_SendFailed_BeforeTheCheckpoint_RedeliveryPublishesEveryEventOnce()
    {
        var changes = await ChangesAsync();
        var failing = new FakeTopicSender(_topic, maxPerBatch: 3) { Fault = _ => SendFault.Fail };
        await Assert.ThrowsAsync<ServiceBusException>(() => Dispatcher(failing).HandleAsync(changes, CancellationToken.None));
        Assert.Empty(_topic);
        await AssertAllAsync(IntegrationEventStatus.Pending);

        await RestartAndRedeliverAsync();

        Assert.Equal(2 * Written.Count, _topic.Count);
        AssertProcessedExactlyOnceInOrder();
        await AssertAllAsync(IntegrationEventStatus.Pending);
    }

    [Fact]
    public async Task Dispatch_HeldEventCancelled_IsNeverPublished()
    {
        var outbox = new IntegrationEventOutbox(_store);
        var lost = Event("grade-changed:s2:score:etag-3", IntegrationEventTypes.GradeChanged, "u2");
        await outbox.HoldAsync(SchoolA, lost, CancellationToken.None);
        await outbox.CancelAsync(SchoolA, lost, CancellationToken.None);
        // Cancelling again, or releasing after the cancel, changes nothing.
        await outbox.CancelAsync(SchoolA, lost, CancellationToken.None);
        await outbox.ReleaseAsync(SchoolA, lost, CancellationToken.None);

        await Dispatcher(new FakeTopicSender(_topic)).HandleAsync(await ChangesAsync(), CancellationToken.None);

        Assert.Equal(Written.Count, _topic.Count);
        Assert.DoesNotContain(OutboxMessage.IdOf(SchoolA, Containers.IntegrationEvents, lost.Id), _topic.Select(m => m.MessageId));
        Assert.Equal(IntegrationEventStatus.Cancelled, (await _store.GetAsync<IntegrationEventRecord>(SchoolA, lost.Id))!.Value.Status);
    }

    [Fact]
    public async Task Dispatch_HeldEvent_IsPublishedOnlyOnceReleased()
    {
        var outbox = new IntegrationEventOutbox(_store);
        var held = Event("grade-changed:s2:score:etag-7", IntegrationEventTypes.GradeChanged, "u2");
        Assert.True(await outbox.HoldAsync(SchoolA, held, CancellationToken.None));
        var heldId = OutboxMessage.IdOf(SchoolA, Containers.IntegrationEvents, held.Id);

        await Dispatcher(new FakeTopicSender(_topic)).HandleAsync(await ChangesAsync(), CancellationToken.None);
        Assert.DoesNotContain(heldId, _topic.Select(m => m.MessageId));

        await outbox.ReleaseAsync(SchoolA, held, CancellationToken.None);
        await Dispatcher(new FakeTopicSender(_topic)).HandleAsync(await ChangesAsync(), CancellationToken.None);
        Assert.Single(_topic, m => m.MessageId == heldId);
    }

    /// <summary>Seven events of two tenants; school-b reuses a record id of school-a (ids are per tenant).</summary>
    private List<(TenantId Tenant, IntegrationEventRecord Record)> Written { get; } =
    [
        (SchoolA, Event("assessment-published:q1:created", IntegrationEventTypes.AssessmentPublished, "course:c1")),
        (SchoolA, Event("grade-changed:s1:auto-grade", IntegrationEventTypes.GradeChanged, "u1")),
        (SchoolA, Event("results-released:s1", IntegrationEventTypes.ResultsReleased, "u1")),
        (SchoolB, Event("grade-changed:s1:auto-grade", IntegrationEventTypes.GradeChanged, "u9")),
        (SchoolA, Event("grade-changed:s1:score:etag-1", IntegrationEventTypes.GradeChanged, "u1")),
        (SchoolB, Event("results-released:s1", IntegrationEventTypes.ResultsReleased, "u9")),
        (SchoolA, Event("grade-changed:s1:regrade:v2", IntegrationEventTypes.GradeChanged, "u1")),
    ];

    private async Task RestartAndRedeliverAsync()
    {
        // The process restarts: the store is reopened from disk, and the feed (its checkpoint never moved) delivers the batch again.
        _store = await _temp.ReopenAsync();
        var healthy = new FakeTopicSender(_topic, maxPerBatch: 3);
        await Dispatcher(healthy).HandleAsync(await ChangesAsync(), CancellationToken.None);
        // Delivered once more (the feed had not saved its checkpoint): the same ids go out again, never another id or body.
        var count = _topic.Count;
        await Dispatcher(healthy).HandleAsync(await ChangesAsync(), CancellationToken.None);
        Assert.Equal(count + Written.Count, _topic.Count);
    }

    /// <summary>The consumer: keyed by MessageId (what the topic's duplicate detection keys on too), in each session's order.</summary>
    private void AssertProcessedExactlyOnceInOrder()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var processed = _topic.Where(m => seen.Add(m.MessageId)).ToList();
        Assert.Equal(Written.Select(w => OutboxMessage.IdOf(w.Tenant, Containers.IntegrationEvents, w.Record.Id)).Order(), processed.Select(m => m.MessageId).Order());
        var sessionA = processed.Where(m => m.SessionId == SchoolA.Value).Select(m => m.MessageId).ToList();
        var orderedA = Written.Where(w => w.Tenant == SchoolA && IntegrationEventTypes.Ordered.Contains(w.Record.Type))
            .Select(w => OutboxMessage.IdOf(SchoolA, Containers.IntegrationEvents, w.Record.Id)).ToList();
        Assert.Equal(orderedA, sessionA);
    }

    private async Task AssertAllAsync(IntegrationEventStatus status)
    {
        foreach (var (tenant, record) in Written)
        {
            Assert.Equal(status, (await _store.GetAsync<IntegrationEventRecord>(tenant, record.Id))!.Value.Status);
        }
    }

    private async Task<IReadOnlyList<StoredDocument>> ChangesAsync() =>
        (await _store.ReadAsync(0, 1000)).Where(c => c.Container == Containers.IntegrationEvents).ToList();

    private IntegrationEventDispatcher Dispatcher(ServiceBusSender sender) =>
        new(_store, new ServiceBusOutboxPublisher(sender, NullLogger<ServiceBusOutboxPublisher>.Instance), new OutboxErasure(new ErasureMarkers(_store), new ServiceBusOutboxArchive()),
            NullLogger<IntegrationEventDispatcher>.Instance);

    private static IntegrationEventRecord Event(string id, string type, string partition) =>
        new(id, type, partition, new Dictionary<string, string> { ["submissionId"] = "s1" }, new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
}
