using EdTech.Application.Outbox;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Infrastructure.Tests.Outbox;

/// <summary>Erasure on the LocalHost's outbox files: the student's lines go, the once-only memory of their ids stays.</summary>
public sealed class FileOutboxArchiveTests : IDisposable
{
    private static readonly TenantId North = new("north");
    private static readonly TenantId South = new("south");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edt-archive-" + Guid.NewGuid().ToString("n")[..10]);

    [Fact]
    public async Task ForgetSubject_RemovesTheStudentsLines_KeepsOthers_AndARestartDoesNotRepublishTheForgottenIds()
    {
        var messages = new[]
        {
            Notification(North, "n-1", "zed-9"), Notification(North, "n-2", "amy-1"), Notification(South, "n-3", "zed-9"),
            Event(North, "e-1", "zed-9"),
        };
        using (var publisher = new FileOutboxPublisher(_directory, NullLogger<FileOutboxPublisher>.Instance))
        {
            await publisher.PublishAsync(messages, CancellationToken.None);

            Assert.Equal(2, await publisher.ForgetSubjectAsync(North, "zed-9", CancellationToken.None));
        }

        var north = File.ReadAllLines(Path.Combine(_directory, "notifications.log")).Concat(File.ReadAllLines(Path.Combine(_directory, "integration-events.log")))
            .Where(l => l.Contains("\"north\"", StringComparison.Ordinal) || l.Contains("north/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(north, l => l.Contains("zed-9", StringComparison.Ordinal));
        Assert.Contains(north, l => l.Contains("amy-1", StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(Path.Combine(_directory, "notifications.log")), l => l.Contains("south/", StringComparison.Ordinal) && l.Contains("zed-9", StringComparison.Ordinal));
        var sizes = Sizes();

        using (var restarted = new FileOutboxPublisher(_directory, NullLogger<FileOutboxPublisher>.Instance))
        {
            await restarted.PublishAsync(messages, CancellationToken.None);
        }

        Assert.Equal(sizes, Sizes());
        // What the forgotten line keeps is a hash, not the message id (which may carry the student's id).
        Assert.DoesNotContain("north/notifications/n-1", File.ReadAllText(Path.Combine(_directory, "notifications.log")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private (long, long) Sizes() =>
        (new FileInfo(Path.Combine(_directory, "notifications.log")).Length, new FileInfo(Path.Combine(_directory, "integration-events.log")).Length);

    private static OutboxMessage Notification(TenantId tenant, string id, string recipient) =>
        new(tenant, OutboxMessage.IdOf(tenant, "notifications", id), "notification.grade-released", null,
            $$"""{"tenantId":"{{tenant.Value}}","id":"{{id}}","recipientId":"{{recipient}}","kind":"grade-released"}""", "notifications");

    private static OutboxMessage Event(TenantId tenant, string id, string userId) =>
        new(tenant, OutboxMessage.IdOf(tenant, "integration-events", id), "grade-changed", tenant.Value,
            $$$"""{"id":"{{{id}}}","type":"grade-changed","tenantId":"{{{tenant.Value}}}","data":{"userId":"{{{userId}}}"} }""", "integration-events");
}
