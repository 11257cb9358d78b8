using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// The store's ordered change feed in "latest version" mode (as Cosmos DB's): each created or
/// replaced document appears once at its newest sequence. It spans tenants: each change carries its
/// tenant, and consumers must keep it. Checkpoints are per consumer.
/// </summary>
public interface IChangeFeed
{
    Task<IReadOnlyList<StoredDocument>> ReadAsync(long afterSequence, int maxItems, CancellationToken cancellationToken = default);

    Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default);

    Task SaveCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken = default);

    /// <summary>Completes when a change after <paramref name="afterSequence"/> may exist, or after <paramref name="maxWait"/>.</summary>
    Task WaitForChangesAsync(long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default);
}
