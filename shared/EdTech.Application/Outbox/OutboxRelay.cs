using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Outbox;

/// <summary>
/// The relay step both outbox dispatchers share: re-read each changed record (the change may be stale), publish the ones still
/// pending in one call, in feed order, and only then mark them sent with an ETag write. A failed publish throws before anything
/// is marked, so the change feed delivers the batch again and the same ids go out again; a record another instance marked first
/// keeps its mark (the lost ETag write is not an error).
/// </summary>
public static class OutboxRelay
{
    public static async Task<int> RelayAsync<T>(
        IDocumentStore store,
        IOutboxPublisher publisher,
        OutboxErasure erasure,
        IReadOnlyList<StoredDocument> changes,
        Func<T, bool> isPending,
        Func<TenantId, T, OutboxMessage> toMessage,
        Func<T, T> markSent,
        CancellationToken ct)
        where T : class, IStoredRecord
    {
        ArgumentNullException.ThrowIfNull(changes);
        var keys = changes.Select(c => (c.Tenant, c.Id, c.Partition)).Distinct().ToList();
        var current = await Task.WhenAll(keys.Select(k => store.GetAsync<T>(k.Tenant, k.Id, k.Partition, ct))).ConfigureAwait(false);
        var candidates = keys.Zip(current, (k, v) => (k.Tenant, k.Partition, Stored: v))
            .Where(p => p.Stored is not null && isPending(p.Stored.Value))
            .Select(p => (p.Tenant, Subject: OutboxErasure.SubjectOf<T>(p.Partition, p.Stored!.Value), Stored: p.Stored!))
            .ToList();
        // A message about an erased student is not published (the erasure deletes its record); see OutboxErasure for the race.
        var pending = await erasure.WithoutErasedAsync(candidates, p => (p.Tenant, p.Subject), ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        await publisher.PublishAsync(pending.Select(p => toMessage(p.Tenant, p.Stored.Value)).ToList(), ct).ConfigureAwait(false);
        await erasure.ForgetErasedAsync(pending.Select(p => (p.Tenant, p.Subject)), ct).ConfigureAwait(false);
        await Task.WhenAll(pending.Select(p => MarkSentAsync(store, p.Tenant, markSent(p.Stored.Value), p.Stored.ETag, ct))).ConfigureAwait(false);
        return pending.Count;
    }

    private static async Task MarkSentAsync<T>(IDocumentStore store, TenantId tenant, T sent, string etag, CancellationToken ct)
        where T : class, IStoredRecord
    {
        try
        {
            await store.ReplaceAsync(tenant, sent, etag, ct).ConfigureAwait(false);
        }
        catch (Privacy.Erasure.SubjectErasedException)
        {
            // Erased after publishing: the record is the erasure's to delete, and ForgetErasedAsync dropped the kept copy.
        }
    }
}
