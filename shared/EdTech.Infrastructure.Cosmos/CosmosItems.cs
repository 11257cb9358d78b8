using System.Text.Json;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// The item shape in every container: the store's key and version fields at the top, the caller's JSON
/// untouched under <c>doc</c>, so no caller field can collide with <c>id</c>, the partition-key paths or
/// Cosmos system properties. Field queries address <c>c.doc.&lt;field&gt;</c>.
/// <code>{ "id", "tenantId", "partitionKey", "seq", "updatedAt", "traceparent"?, "doc": { ... }, "_etag", ... }</code>
/// <c>traceparent</c> is the W3C trace context of the span that wrote the item (docs/observability.md), absent outside a trace.
/// </summary>
public static class CosmosItems
{
    public const string TenantPath = "/tenantId";
    public const string PartitionPath = "/partitionKey";

    internal static MemoryStream Write(TenantId tenant, string id, string partition, string json, long sequence, DateTimeOffset updatedAt, string? traceParent = null)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("tenantId", tenant.Value);
            writer.WriteString("partitionKey", partition);
            writer.WriteNumber("seq", sequence);
            writer.WriteNumber("updatedAt", updatedAt.ToUnixTimeMilliseconds());
            if (traceParent is not null)
            {
                writer.WriteString("traceparent", traceParent);
            }

            writer.WritePropertyName("doc");
            writer.WriteRawValue(json);
            writer.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Reads one item as the store's document; <paramref name="container"/> is the Cosmos container it came from.</summary>
    public static StoredDocument Read(string container, JsonElement item) => new(
        new TenantId(item.GetProperty("tenantId").GetString()!),
        container,
        item.GetProperty("id").GetString()!,
        item.GetProperty("partitionKey").GetString()!,
        item.GetProperty("doc").GetRawText(),
        item.GetProperty("_etag").GetString()!,
        item.GetProperty("seq").GetInt64(),
        DateTimeOffset.FromUnixTimeMilliseconds(item.GetProperty("updatedAt").GetInt64()))
    {
        TraceParent = item.TryGetProperty("traceparent", out var traceParent) && traceParent.ValueKind == JsonValueKind.String ? traceParent.GetString() : null,
    };

    /// <summary>Whether the item has the store's shape (change feeds may carry foreign items, e.g. leases).</summary>
    public static bool IsStoreItem(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("tenantId", out _) && item.TryGetProperty("doc", out _) && item.TryGetProperty("seq", out _);

    internal static async Task<StoredDocument> ReadOneAsync(string container, Stream content, CancellationToken ct)
    {
        using var json = await JsonDocument.ParseAsync(content, cancellationToken: ct).ConfigureAwait(false);
        return Read(container, json.RootElement);
    }

    /// <summary>Reads a feed page (<c>{"Documents": [...]}</c>), as queries and the change feed return it.</summary>
    public static async Task<IReadOnlyList<StoredDocument>> ReadPageAsync(string container, Stream content, CancellationToken ct)
    {
        using var json = await JsonDocument.ParseAsync(content, cancellationToken: ct).ConfigureAwait(false);
        var documents = new List<StoredDocument>();
        foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
        {
            if (IsStoreItem(item))
            {
                documents.Add(Read(container, item));
            }
        }

        return documents;
    }
}
