using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// Hands Cosmos change-feed items to the same <see cref="IChangeFeedHandler"/>s the local pump calls. Used
/// by <see cref="CosmosChangeFeedPump"/> and by the Functions app's <c>[CosmosDBTrigger]</c> functions
/// (one per handler and container, each with its own leases, so handlers keep separate checkpoints as locally).
/// A failing handler throws, so the batch is delivered again: handlers are idempotent.
/// </summary>
public sealed class CosmosChangeDispatcher(IEnumerable<IChangeFeedHandler> handlers)
{
    private readonly Dictionary<string, IChangeFeedHandler> _byName = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IChangeFeedHandler> Handlers => _byName.Values;

    public Task DispatchAsync(string handlerName, string container, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var changes = items.Where(CosmosItems.IsStoreItem).Select(item => CosmosItems.Read(container, item)).ToList();
        return DispatchAsync(handlerName, container, changes, cancellationToken);
    }

    public Task DispatchAsync(string handlerName, string container, IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!_byName.TryGetValue(handlerName, out var handler))
        {
            throw new InvalidOperationException($"No change-feed handler is named '{handlerName}'.");
        }

        // The feed is per partition-key range; order the batch as the local pump would.
        var ordered = changes.OrderBy(c => c.Sequence).ToList();
        return ordered.Count == 0 || !handler.Containers.Contains(container)
            ? Task.CompletedTask
            : handler.HandleAsync(ordered, cancellationToken);
    }
}
