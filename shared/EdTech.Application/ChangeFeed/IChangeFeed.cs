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

    /// <summary>
    /// Up to <paramref name="maxItems"/> changes of the given containers after <paramref name="afterSequence"/>, reading at most
    /// <paramref name="scanWindow"/> positions of the feed. <see cref="ChangeBatch.ScannedUpTo"/> is where the next read starts:
    /// a consumer moves its checkpoint there even when nothing matched, so other containers' changes are skipped unread.
    /// </summary>
    Task<ChangeBatch> ReadAsync(long afterSequence, int maxItems, IReadOnlySet<string> containers, int scanWindow, CancellationToken cancellationToken = default);

    /// <summary>The newest committed sequence, where the adapter knows it cheaply (SQLite); null elsewhere. Backlog metrics only.</summary>
    long? LatestSequence => null;

    Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default);

    Task SaveCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken = default);

    /// <summary>Completes when a change after <paramref name="afterSequence"/> may exist, or after <paramref name="maxWait"/>.</summary>
    Task WaitForChangesAsync(long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default);
}

/// <summary>Changes that matched, and the feed position the read covered (≥ the last change's sequence).</summary>
public sealed record ChangeBatch(IReadOnlyList<StoredDocument> Changes, long ScannedUpTo);
