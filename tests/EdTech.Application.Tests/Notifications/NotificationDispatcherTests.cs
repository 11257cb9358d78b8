using EdTech.Application.Notifications;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Outbox;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Notifications;

/// <summary>The outbox's change-feed dispatcher with the real SQLite store, its change log, and the LocalHost's file publisher.</summary>
public sealed class NotificationDispatcherTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-n");
    private readonly TempSqliteStore _temp = new("edt-notify");
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteDocumentStore _store = null!;
    private FileOutboxPublisher _sender = null!;

    private string LogPath => Path.Combine(_temp.Directory, "notifications.log");

    public Task InitializeAsync()
    {
        // The store opens first: it creates the folder the file publisher writes to.
        _store = _temp.Store;
        _sender = new FileOutboxPublisher(_temp.Directory, NullLogger<FileOutboxPublisher>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _sender.Dispose();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_PendingNotification_IsSentOnce_EvenWhenTheFeedRedeliversIt_AndIsNotRewritten()
    {
        var outbox = new NotificationOutbox(_store);
        Assert.True(await outbox.WriteAsync(Tenant, Notification("n-1"), CancellationToken.None));
        // Writing the same notification again (a retried activity) adds nothing.
        Assert.False(await outbox.WriteAsync(Tenant, Notification("n-1"), CancellationToken.None));
        var dispatcher = new NotificationDispatcher(_store, _sender, new OutboxErasure(new ErasureMarkers(_store), _sender), NullLogger<NotificationDispatcher>.Instance);
        var changes = (await _store.ReadAsync(0, 100)).Where(c => c.Container == Containers.Notifications).ToList();
        Assert.Single(changes);

        await dispatcher.HandleAsync(changes, CancellationToken.None);
        // Delivered again (a crash before the checkpoint): published again with the same message id, which the publisher drops.
        await dispatcher.HandleAsync(changes, CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(LogPath);
        var line = Assert.Single(lines);
        Assert.Contains("\"messageId\":\"school-n/notifications/n-1\"", line, StringComparison.Ordinal);
        Assert.Contains("\"subject\":\"notification.results-released\"", line, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"n-1\"", line, StringComparison.Ordinal);
        Assert.Contains("\"tenantId\":\"school-n\"", line, StringComparison.Ordinal);
        // Published, not re-written: the only change of the notification is its creation (a "sent" re-write cost a write and a delivery).
        var after = (await _store.ReadAsync(0, 100)).Where(c => c.Container == Containers.Notifications).ToList();
        Assert.Equal(changes.Select(c => (c.Id, c.ETag)), after.Select(c => (c.Id, c.ETag)));
    }

    [Fact]
    public async Task Dispatch_NotificationErasedBeforeDelivery_IsNotSent()
    {
        await new NotificationOutbox(_store).WriteAsync(Tenant, Notification("n-2"), CancellationToken.None);
        var changes = (await _store.ReadAsync(0, 100)).Where(c => c.Container == Containers.Notifications).ToList();
        Assert.True(await _store.DeleteAsync(Tenant, Containers.Notifications, "n-2"));

        await new NotificationDispatcher(_store, _sender, new OutboxErasure(new ErasureMarkers(_store), _sender), NullLogger<NotificationDispatcher>.Instance).HandleAsync(changes, CancellationToken.None);

        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public async Task Publisher_CalledAgainForTheSameNotification_EvenAfterARestart_WritesOncePerTenantAndId()
    {
        await _sender.PublishAsync([OutboxMessages.Of(Tenant, Notification("n-3"))], CancellationToken.None);
        await _sender.PublishAsync([OutboxMessages.Of(Tenant, Notification("n-3"))], CancellationToken.None);
        // A crash between publishing and marking sent: the restarted host's publisher is asked again.
        using (var restarted = new FileOutboxPublisher(_temp.Directory, NullLogger<FileOutboxPublisher>.Instance))
        {
            await restarted.PublishAsync([OutboxMessages.Of(Tenant, Notification("n-3")), OutboxMessages.Of(new TenantId("other-school"), Notification("n-3"))], CancellationToken.None);
        }

        var lines = await File.ReadAllLinesAsync(LogPath);
        Assert.Equal(2, lines.Length);
        Assert.Single(lines, l => l.Contains("\"tenantId\":\"school-n\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_ManyPendingNotificationsInOneBatch_AreAllSentOnce()
    {
        var outbox = new NotificationOutbox(_store);
        for (var i = 0; i < 100; i++)
        {
            await outbox.WriteAsync(Tenant, Notification($"bulk-{i}"), CancellationToken.None);
        }

        var changes = (await _store.ReadAsync(0, 1000)).Where(c => c.Container == Containers.Notifications).ToList();
        await new NotificationDispatcher(_store, _sender, new OutboxErasure(new ErasureMarkers(_store), _sender), NullLogger<NotificationDispatcher>.Instance).HandleAsync(changes, CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(LogPath);
        Assert.Equal(100, lines.Length);
        Assert.Equal(100, lines.Distinct().Count());
    }

    private NotificationRecord Notification(string id) =>
        new(id, "student-1", NotificationKinds.ResultsReleased, "Your result is available", new Dictionary<string, string> { ["submissionId"] = "s-1" }, _clock.GetUtcNow());
}
