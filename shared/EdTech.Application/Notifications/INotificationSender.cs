using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Notifications;

/// <summary>
/// Delivery port (e-mail, push, ...). Called at least once per notification (a crash between sending and marking it
/// sent calls again): adapters deliver once per (tenant, notification id), using it as the provider's idempotency key
/// or remembering what they sent.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(TenantId tenant, NotificationRecord notification, CancellationToken cancellationToken);
}
