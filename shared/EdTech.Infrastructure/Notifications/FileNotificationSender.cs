using System.Text.Json;
using EdTech.Application.Notifications;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Notifications;

/// <summary>
/// The local delivery adapter: appends one JSON line per notification to <c>{data}/notifications.log</c>
/// and logs it structured. A production adapter (e-mail, push) replaces it behind the same port. Delivers once per
/// (tenant, id): the ids already in the file (read at the first send, so also across restarts) are skipped.
/// </summary>
public sealed class FileNotificationSender(string path, ILogger<FileNotificationSender> logger) : INotificationSender, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<(string Tenant, string Id)>? _delivered;

    public string Path { get; } = path;

    public async Task SendAsync(TenantId tenant, NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var line = JsonSerializer.Serialize(new NotificationLine(tenant.Value, notification.Id, notification.RecipientId, notification.Kind, notification.Subject, notification.Data, notification.CreatedAt), EdTechJson.Options);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _delivered ??= await ReadDeliveredAsync(cancellationToken).ConfigureAwait(false);
            if (!_delivered.Add((tenant.Value, notification.Id)))
            {
                logger.LogInformation("Notification {NotificationId} in {TenantId} was already delivered; not sent again", notification.Id, tenant);
                return;
            }

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

    private async Task<HashSet<(string Tenant, string Id)>> ReadDeliveredAsync(CancellationToken cancellationToken)
    {
        var delivered = new HashSet<(string Tenant, string Id)>();
        if (!File.Exists(Path))
        {
            return delivered;
        }

        foreach (var text in await File.ReadAllLinesAsync(Path, cancellationToken).ConfigureAwait(false))
        {
            // A line torn by a crash mid-append is not a delivery: skipped, so that notification is sent again.
            try
            {
                if (text.Length > 0 && JsonSerializer.Deserialize<NotificationLine>(text, EdTechJson.Options) is { } sent)
                {
                    delivered.Add((sent.TenantId, sent.Id));
                }
            }
            catch (JsonException)
            {
            }
        }

        return delivered;
    }

    private sealed record NotificationLine(string TenantId, string Id, string RecipientId, string Kind, string Subject, IReadOnlyDictionary<string, string> Data, DateTimeOffset CreatedAt);
}
