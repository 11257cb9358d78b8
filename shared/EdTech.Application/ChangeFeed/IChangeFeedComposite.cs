using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// One consumer over several handlers (its parts): the feed is read, delivered and checkpointed once, and
/// <see cref="ChangeFeedDelivery"/> runs the parts in order, each under the retry and poison policy of its own, so a change
/// one part poisons is still handled by the others. The parts are not registered as handlers themselves.
/// </summary>
public interface IChangeFeedComposite : IChangeFeedHandler
{
    /// <summary>The parts, in the order the catalog declares them (<see cref="ChangeFeedConsumer.Parts"/>).</summary>
    IReadOnlyList<IChangeFeedHandler> Parts { get; }
}

/// <summary>What composites share.</summary>
public static class ChangeFeedComposite
{
    /// <summary>The changes of one part's containers, in feed order.</summary>
    public static IReadOnlyList<StoredDocument> For(IChangeFeedHandler part, IReadOnlyList<StoredDocument> changes)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(changes);
        return changes.All(c => part.Containers.Contains(c.Container)) ? changes : [.. changes.Where(c => part.Containers.Contains(c.Container))];
    }

    /// <summary>A composite called directly (without <see cref="ChangeFeedDelivery"/>): each part over its changes, in order; the first failure stops.</summary>
    public static async Task HandleInOrderAsync(IChangeFeedComposite composite, IReadOnlyList<StoredDocument> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(composite);
        foreach (var part in composite.Parts)
        {
            var mine = For(part, changes);
            if (mine.Count > 0)
            {
                await part.HandleAsync(mine, ct).ConfigureAwait(false);
            }
        }
    }
}
