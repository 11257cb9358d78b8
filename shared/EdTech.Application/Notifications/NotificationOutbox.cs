using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Notifications;

/// <summary>Writes outbox entries. Ids are derived by the caller, so writing again (a retried activity) is a no-op.</summary>
public sealed class NotificationOutbox(IDocumentStore store)
{
    public async Task<bool> WriteAsync(TenantId tenant, NotificationRecord notification, CancellationToken ct)
    {
        var (status, _) = await store.CreateAsync(tenant, notification, ct).ConfigureAwait(false);
        return status == WriteStatus.Created;
    }
}
