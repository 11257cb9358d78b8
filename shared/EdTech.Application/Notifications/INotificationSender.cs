using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Notifications;

/// <summary>Delivery port (e-mail, push, ...). Called at least once per notification; adapters should tolerate a rare repeat.</summary>
public interface INotificationSender
{
    Task SendAsync(TenantId tenant, NotificationRecord notification, CancellationToken cancellationToken);
}
