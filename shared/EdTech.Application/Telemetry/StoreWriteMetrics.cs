using EdTech.Application.Storage;

namespace EdTech.Application.Telemetry;

/// <summary>
/// Counts <see cref="EdTechTelemetry.StoreWrites"/> the same way in both store adapters (SQLite and Cosmos DB): one per document
/// actually written, after the write is durable. Not counted: a create that found the document already there, a replace or
/// delete whose ETag did not match, a delete of a missing document, and failed writes. Dimensions: the container (a fixed
/// set, <see cref="Storage.Containers"/>) and the op; never a tenant.
/// </summary>
public static class StoreWriteMetrics
{
    public const string ContainerTag = "edtech.store.container";
    public const string OpTag = "edtech.store.op";
    public const string Create = "create";
    public const string Replace = "replace";
    public const string Delete = "delete";

    /// <summary>Counts a create or replace by what it did: a replace that created the document (an upsert) counts as a create.</summary>
    public static WriteResult Counted(string container, WriteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var op = result.Status switch
        {
            WriteStatus.Created => Create,
            WriteStatus.Replaced => Replace,
            _ => null,
        };
        if (op is not null)
        {
            Add(container, op);
        }

        return result;
    }

    /// <summary>Counts a delete that removed a document.</summary>
    public static bool CountedDelete(string container, bool deleted)
    {
        if (deleted)
        {
            Add(container, Delete);
        }

        return deleted;
    }

    /// <summary>Awaits a create or replace and counts it.</summary>
    public static async Task<WriteResult> CountedAsync(string container, Task<WriteResult> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Counted(container, await write.ConfigureAwait(false));
    }

    /// <summary>Awaits a delete and counts it.</summary>
    public static async Task<bool> CountedDeleteAsync(string container, Task<bool> delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        return CountedDelete(container, await delete.ConfigureAwait(false));
    }

    private static void Add(string container, string op) =>
        EdTechTelemetry.StoreWrites.Add(1, new KeyValuePair<string, object?>(ContainerTag, container), new KeyValuePair<string, object?>(OpTag, op));
}
