using System.Text.Json;
using EdTech.Application.Notifications;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Notifications;

/// <summary>
/// The local delivery adapter: appends one JSON line per notification to <c>{data}/notifications.log</c>
/// and logs it structured. A production adapter (e-mail, push) replaces it behind the same port.
/// </summary>
public sealed class FileNotificationSender(string path, ILogger<FileNotificationSender> logger) : INotificationSender, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path { get; } = path;

    public async Task SendAsync(TenantId tenant, NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var line = JsonSerializer.Serialize(new NotificationLine(tenant.Value, notification.Id, notification.RecipientId, notification.Kind, notification.Subject, notification.Data, notification.CreatedAt), EdTechJson.Options);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await File.AppendAllTextAsync(Path, line + "\n", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        logger.LogInformation("Notification {NotificationId} ({Kind}) to {RecipientId} in {TenantId}: {Subject}", notification.Id, notification.Kind, notification.RecipientId, tenant, notification.Subject);
    }

    public void Dispose() => _gate.Dispose();

    private sealed record NotificationLine(string TenantId, string Id, string RecipientId, string Kind, string Subject, IReadOnlyDictionary<string, string> Data, DateTimeOffset CreatedAt);
}
