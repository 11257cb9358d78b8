using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Outbox;

/// <summary>Writes integration events into the outbox. Ids are derived by the caller, so writing again is a no-op.</summary>
public sealed class IntegrationEventOutbox(IDocumentStore store)
{
    public async Task<bool> WriteAsync(TenantId tenant, IntegrationEventRecord? record, CancellationToken ct)
    {
        if (record is null)
        {
            return false;
        }

        var (status, _) = await store.CreateAsync(tenant, record, ct).ConfigureAwait(false);
        return status == WriteStatus.Created;
    }

    /// <summary>
    /// The change an event was written ahead of did not happen (its conditional write lost a race): the event is cancelled if
    /// still pending. One the dispatcher already published stays sent (docs/integration-events.md).
    /// </summary>
    public async Task CancelAsync(TenantId tenant, IntegrationEventRecord? record, CancellationToken ct)
    {
        if (record is null)
        {
            return;
        }

        var stored = await store.GetAsync<IntegrationEventRecord>(tenant, record.Id, ct).ConfigureAwait(false);
        if (stored is { Value.Status: IntegrationEventRecord.Pending })
        {
            await store.ReplaceAsync(tenant, stored.Value with { Status = IntegrationEventRecord.Cancelled }, stored.ETag, ct).ConfigureAwait(false);
        }
    }
}
