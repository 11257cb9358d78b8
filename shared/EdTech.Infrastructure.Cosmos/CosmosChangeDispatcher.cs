using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// Hands Cosmos change-feed items to the same <see cref="IChangeFeedHandler"/>s the local pump calls, through the same
/// <see cref="ChangeFeedDelivery"/> (bounded retries, poison records). Used by <see cref="CosmosChangeFeedPump"/> and by the
/// Functions app's <c>[CosmosDBTrigger]</c> functions (one per catalog consumer and container, each with its own leases).
/// An item that is not the store's item shape (or cannot be read as one) is written to poison, never skipped in silence.
/// Only a persistent transient failure (throttling, timeout) escapes, so the trigger's retry policy redelivers the batch.
/// </summary>
public sealed class CosmosChangeDispatcher(IEnumerable<IChangeFeedHandler> handlers, ChangeFeedDelivery delivery)
{
    private readonly Dictionary<string, IChangeFeedHandler> _byName = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IChangeFeedHandler> Handlers => _byName.Values;

    public Task DispatchAsync(ChangeFeedConsumer consumer, string container, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return DispatchAsync(consumer.Name, container, items, cancellationToken);
    }

    public async Task DispatchAsync(string handlerName, string container, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var handler = HandlerFor(handlerName);
        var changes = new List<StoredDocument>(items.Count);
        foreach (var item in items)
        {
            if (TryRead(container, item, out var change, out var error))
            {
                changes.Add(change);
            }
            else
            {
                await delivery.PoisonMalformedAsync(handler.Name, container, StringProperty(item, "tenantId"), StringProperty(item, "id"), item.GetRawText(), error, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        await DispatchAsync(handler, container, changes, cancellationToken).ConfigureAwait(false);
    }

    public Task DispatchAsync(string handlerName, string container, IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) =>
        DispatchAsync(HandlerFor(handlerName), container, changes, cancellationToken);

    private Task DispatchAsync(IChangeFeedHandler handler, string container, IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // The feed is per partition-key range; order the batch as the local pump would.
        var ordered = changes.OrderBy(c => c.Sequence).ToList();
        return ordered.Count == 0 || !handler.Containers.Contains(container)
            ? Task.CompletedTask
            : delivery.DeliverAsync(handler, ordered, cancellationToken);
    }

    private IChangeFeedHandler HandlerFor(string handlerName) =>
        _byName.TryGetValue(handlerName, out var handler)
            ? handler
            : throw new InvalidOperationException($"No change-feed handler is named '{handlerName}'.");

    private static bool TryRead(string container, JsonElement item, out StoredDocument change, out Exception error)
    {
        change = null!;
        error = null!;
        if (!CosmosItems.IsStoreItem(item))
        {
            error = new JsonException("The item is not the store's item shape (id, tenantId, partitionKey, seq, updatedAt, doc, _etag).");
            return false;
        }

        try
        {
            change = CosmosItems.Read(container, item);
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            error = ex;
            return false;
        }
    }

    private static string? StringProperty(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
