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

        // A retried step whose first attempt stored the head alone (the release was not yet due then) writes its folded events
        // alone (same ids, so the same messages).
        var (status, stored) = await StoredFolds.CreateAsync(store, tenant, record, record.Folded, IntegrationEventFolds.Expand, ct).ConfigureAwait(false);
        if (status == WriteStatus.AlreadyExists && record.Notifications is { Count: > 0 } carried)
        {
            await WriteMissingNotificationsAsync(tenant, stored, carried, ct).ConfigureAwait(false);
        }

        return status == WriteStatus.Created;
    }

    /// <summary>
    /// The document was already stored (a retried step whose first attempt stored it without these notifications: the release
    /// was not yet due then): each carried notification it lacks goes to the notification outbox alone, as it would without
    /// carrying (same id, so the same message; writing it again is a no-op).
    /// </summary>
    private async Task WriteMissingNotificationsAsync(TenantId tenant, Versioned<IntegrationEventRecord>? stored, IReadOnlyList<NotificationRecord> carried, CancellationToken ct)
    {
        var held = (stored is null ? [] : IntegrationEventFolds.NotificationsOf(stored.Value)).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var notification in carried.Where(n => !held.Contains(n.Id)))
        {
            await store.CreateAsync(tenant, notification, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the event <see cref="IntegrationEventStatus.Held"/>, ahead of a conditional write that may lose its race.</summary>
    public Task<bool> HoldAsync(TenantId tenant, IntegrationEventRecord? record, CancellationToken ct) =>
        WriteAsync(tenant, record is null ? null : record with { Status = IntegrationEventStatus.Held }, ct);

    /// <summary>The held event's write succeeded: it becomes pending, and that change hands it to the dispatcher.</summary>
    public Task ReleaseAsync(TenantId tenant, IntegrationEventRecord? record, CancellationToken ct) =>
        MoveAsync(tenant, record, IntegrationEventStatus.Pending, ct);

    /// <summary>The held event's write lost its race: the change did not happen, and the event is never published.</summary>
    public Task CancelAsync(TenantId tenant, IntegrationEventRecord? record, CancellationToken ct) =>
        MoveAsync(tenant, record, IntegrationEventStatus.Cancelled, ct);

    private async Task MoveAsync(TenantId tenant, IntegrationEventRecord? record, IntegrationEventStatus status, CancellationToken ct)
    {
        if (record is null)
        {
            return;
        }

        var stored = await store.GetAsync<IntegrationEventRecord>(tenant, record.Id, ct).ConfigureAwait(false);
        if (stored is { Value.Status: IntegrationEventStatus.Held })
        {
            // A lost ETag race here is a twin request moving it the same way: nothing to add.
            await store.ReplaceAsync(tenant, stored.Value with { Status = status }, stored.ETag, ct).ConfigureAwait(false);
        }
    }
}
