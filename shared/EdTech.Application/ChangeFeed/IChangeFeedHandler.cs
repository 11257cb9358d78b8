using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// A consumer of the change feed. Delivery is at least once and in sequence order per consumer, so
/// handlers must be idempotent. Locally a pump calls them; in Azure a Cosmos DB trigger does.
/// </summary>
public interface IChangeFeedHandler
{
    /// <summary>Stable name: the checkpoint key.</summary>
    string Name { get; }

    /// <summary>Containers whose changes this handler wants.</summary>
    IReadOnlySet<string> Containers { get; }

    /// <summary>Whether this handler may lag while the host is busy (<see cref="ChangeFeedUrgency"/>).</summary>
    ChangeFeedUrgency Urgency { get; }

    Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken);
}
