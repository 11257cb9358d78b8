using EdTech.Application.Grading;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Grading;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// A release's notification carried in its integration event's document (<see cref="IntegrationEventFolds.Carrying"/>): the
/// dispatcher sends it as the notification outbox would, the export shows it and the erasure counts it as a notification, and a
/// retry that finds the document stored without it writes it alone.
/// </summary>
public sealed class CarriedNotificationTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = ErasureWorld.Tenant;
    private static readonly DateTimeOffset At = ErasureWorld.Start.AddMinutes(-3);
    private static readonly SubmissionRecord Accepted = GradingWorld.Submission("sub1", "quiz1", SubmissionStatus.Accepted, user: "s1");
    private static readonly SubmissionRecord Released = Accepted with { Status = SubmissionStatus.Released, Score = 5, RawScore = 5, GradedAt = At, ReleasedAt = At };
    private static readonly AssessmentRecord Quiz =
        new("quiz1", GradingWorld.Course, 1, GradingWorld.Quiz("quiz1", GradingWorld.Policy(ReleasePolicy.Immediate)), "t1", At.AddDays(-7), null);
    private static readonly NotificationRecord Notification = SubmissionGrader.ResultsReleasedNotification(Released, Quiz, At);
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private IntegrationEventOutbox Events => new(_world.Store);

    private static IntegrationEventRecord Carrier => IntegrationEventFolds.Carrying(IntegrationEvents.GradedAndReleased(Accepted, Released, At), Notification);

    [Fact]
    public void Carrying_ANotificationToAnotherUser_IsRefused()
    {
        // The erasure guard reads the document's partition as the subject: a notification to someone else must not ride there.
        Assert.Throws<ArgumentException>(() => IntegrationEventFolds.Carrying(IntegrationEvents.ResultsReleased(Released, At), Notification with { RecipientId = "teacher1" }));
    }

    [Fact]
    public async Task Dispatcher_CarriedNotification_GoesOutAfterTheEvents_AsTheMessageTheNotificationOutboxSends()
    {
        var publisher = new RecordingPublisher();
        Assert.True(await Events.WriteAsync(Tenant, Carrier, CancellationToken.None));
        var change = Assert.Single(await _world.Raw.QueryAsync(Tenant, Containers.IntegrationEvents, DocumentQuery.InPartition("s1")), d => d.Id == Carrier.Id);

        await new IntegrationEventDispatcher(_world.Store, publisher, new OutboxErasure(_world.Markers, _world.Archive), NullLogger<IntegrationEventDispatcher>.Instance)
            .HandleAsync([change], CancellationToken.None);

        Assert.Equal(
            [.. IntegrationEventFolds.Expand(Carrier).Select(e => OutboxMessages.Of(Tenant, e)), OutboxMessages.Of(Tenant, Notification)],
            publisher.Published);
        Assert.Equal(OutboxMessage.IdOf(Tenant, Containers.Notifications, "results-released:sub1"), publisher.Published[^1].Id);
        Assert.Equal(Containers.Notifications, publisher.Published[^1].Source);
    }

    [Fact]
    public async Task Outbox_DocumentStoredWithoutTheNotificationByAnEarlierAttempt_WritesTheNotificationAloneOnce()
    {
        // First attempt: the release was not yet due, so the grade's event alone; the retry (twice) finds the release due.
        await Events.WriteAsync(Tenant, IntegrationEvents.GradeChanged(Accepted, Released, IntegrationEvents.AutoGradeCause, At), CancellationToken.None);
        Assert.False(await Events.WriteAsync(Tenant, Carrier, CancellationToken.None));
        Assert.False(await Events.WriteAsync(Tenant, Carrier, CancellationToken.None));

        var alone = await _world.Raw.GetAsync(Tenant, Containers.Notifications, Notification.Id);
        Assert.Equal(TypedDocumentStore.Serialize(Notification), alone?.Json);
    }

    [Fact]
    public async Task Outbox_DocumentStoredWithTheNotification_WritesNothingAlone()
    {
        Assert.True(await Events.WriteAsync(Tenant, Carrier, CancellationToken.None));
        Assert.False(await Events.WriteAsync(Tenant, Carrier, CancellationToken.None));

        Assert.Null(await _world.Raw.GetAsync(Tenant, Containers.Notifications, Notification.Id));
    }

    [Fact]
    public async Task ExportAndErasure_CarriedNotification_ShownAndCountedAsANotification_NotAsAnEvent()
    {
        await Events.WriteAsync(Tenant, Carrier, CancellationToken.None);

        var exported = (await _world.ExportAsync()).Value!.Containers;
        Assert.Contains(TypedDocumentStore.Serialize(Notification), exported[Containers.Notifications].Select(e => e.GetRawText()));
        Assert.Equal(2, exported[Containers.Notifications].Count); // the seeded one and the carried one
        Assert.Equal(3, exported[Containers.IntegrationEvents].Count); // the seeded one and the two events
        Assert.All(exported[Containers.IntegrationEvents], e => Assert.False(e.TryGetProperty("notifications", out _)));
        var deleted = (await _world.EraseAsync()).Value!.Deleted;
        Assert.Equal((2, 3), (deleted[Containers.Notifications], deleted[Containers.IntegrationEvents]));
    }
}
