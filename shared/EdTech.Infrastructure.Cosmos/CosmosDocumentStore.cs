using System.Net;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Tenancy;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// The document store on Cosmos DB for NoSQL: one Cosmos container per logical container, hierarchical
/// partition key <c>/tenantId</c> + <c>/partitionKey</c>, the item id is the store id. Writes are
/// conditional on the ETag (If-Match; 412 and 404 are the port's PreconditionFailed, 409 on create is
/// AlreadyExists). A get with the partition is a point read (id + full key, 1 RU for a small item); the port's
/// Get without one, and Delete, find the item with a query on the tenant's key prefix; Create and Replace
/// know the full key and are point operations.
/// Unlike SQLite, Cosmos keeps an id unique per (tenant, partition), not per tenant: every record type
/// derives its partition from immutable fields of its own, so one id never lives in two partitions.
/// </summary>
public sealed class CosmosDocumentStore(CosmosClient client, CosmosStoreOptions options, TimeProvider? timeProvider = null) : IDocumentStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly CosmosSequence _sequence = new(timeProvider ?? TimeProvider.System);

    /// <summary>Creates the database and one container per logical container (plus leases), if missing.</summary>
    public static async Task CreateContainersAsync(CosmosClient client, CosmosStoreOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var database = (await client.CreateDatabaseIfNotExistsAsync(options.Database, cancellationToken: ct).ConfigureAwait(false)).Database;
        foreach (var name in Containers.All)
        {
            var properties = new ContainerProperties(name, [CosmosItems.TenantPath, CosmosItems.PartitionPath]);
            await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: ct).ConfigureAwait(false);
        }

        await database.CreateContainerIfNotExistsAsync(CosmosStoreOptions.LeaseContainer, "/id", cancellationToken: ct).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default)
    {
        ValidateKey(container, id);
        if (!IsStorableId(id))
        {
            return null;
        }

        var found = await RunQueryAsync(container, CosmosQueries.ById(tenant, id), CosmosQueries.TenantPrefix(tenant), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default)
    {
        ValidateKey(container, id);
        ArgumentNullException.ThrowIfNull(partition);
        return IsStorableId(id) ? ReadAsync(container, id, CosmosQueries.Key(tenant, partition), cancellationToken) : Task.FromResult<StoredDocument?>(null);
    }

    public async Task<WriteResult> CreateAsync(
        TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        ValidateDocument(container, id, partition, json);
        var key = CosmosQueries.Key(tenant, partition);
        for (var attempt = 1; ; attempt++)
        {
            using var item = CosmosItems.Write(tenant, id, partition, json, _sequence.Next(), Now(), TraceParent.Current());
            using var response = await Of(container).CreateItemStreamAsync(item, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                // Idempotent create: report what is stored. Gone again already (deleted in between)? Then create anew.
                if (await ReadAsync(container, id, key, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    return new WriteResult(WriteStatus.AlreadyExists, existing);
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException($"Create of '{container}/{id}' kept conflicting with an item that is gone when read.");
                }

                continue;
            }

            return StoreWriteMetrics.Counted(container, new WriteResult(WriteStatus.Created, await WrittenAsync(container, response, cancellationToken).ConfigureAwait(false)));
        }
    }

    public async Task<WriteResult> ReplaceAsync(
        TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ValidateDocument(container, id, partition, json);
        var key = CosmosQueries.Key(tenant, partition);
        using var item = CosmosItems.Write(tenant, id, partition, json, _sequence.Next(), Now(), TraceParent.Current());
        using var response = ifMatch is null
            ? await Of(container).UpsertItemStreamAsync(item, key, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await Of(container).ReplaceItemStreamAsync(item, id, key, new ItemRequestOptions { IfMatchEtag = ifMatch }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound && ifMatch is not null)
        {
            // Stale ETag or missing document: both are a failed precondition, and nothing was written.
            return new WriteResult(WriteStatus.PreconditionFailed, null);
        }

        var status = response.StatusCode == HttpStatusCode.Created ? WriteStatus.Created : WriteStatus.Replaced;
        return StoreWriteMetrics.Counted(container, new WriteResult(status, await WrittenAsync(container, response, cancellationToken).ConfigureAwait(false)));
    }

    public async Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ValidateKey(container, id);
        var found = await GetAsync(tenant, container, id, cancellationToken).ConfigureAwait(false);
        if (found is null || (ifMatch is not null && found.ETag != ifMatch))
        {
            return false;
        }

        // Conditional on the ETag the caller named, so a concurrent replace still wins over a stale delete.
        var requestOptions = ifMatch is null ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };
        using var response = await Of(container)
            .DeleteItemStreamAsync(id, CosmosQueries.Key(tenant, found.Partition), requestOptions, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return StoreWriteMetrics.CountedDelete(container, deleted: true);
    }

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(
        TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        var definition = CosmosQueries.Build(tenant, container, query);
        var key = query.Partition is null ? CosmosQueries.TenantPrefix(tenant) : CosmosQueries.Key(tenant, query.Partition);
        return RunQueryAsync(container, definition, key, cancellationToken);
    }

    /// <summary>A point read with the full key; null on 404.</summary>
    private async Task<StoredDocument?> ReadAsync(string container, string id, PartitionKey key, CancellationToken ct)
    {
        using var response = await Of(container).ReadItemStreamAsync(id, key, cancellationToken: ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await WrittenAsync(container, response, ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredDocument>> RunQueryAsync(string container, QueryDefinition query, PartitionKey key, CancellationToken ct)
    {
        var results = new List<StoredDocument>();
        // The tenant prefix usually lies in one physical partition: optimistic direct execution then sends the
        // query straight there, without first asking the gateway for a query plan. Pages are sized by the
        // service (-1), which also means fewer round trips for a course's worth of items.
        var requestOptions = new QueryRequestOptions { PartitionKey = key, EnableOptimisticDirectExecution = true, MaxItemCount = -1 };
        using var iterator = Of(container).GetItemQueryStreamIterator(query, requestOptions: requestOptions);
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(ct).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            results.AddRange(await CosmosItems.ReadPageAsync(container, page.Content, ct).ConfigureAwait(false));
        }

        foreach (var document in results)
        {
            _sequence.Observe(document.Sequence);
        }

        return results;
    }

    private async Task<StoredDocument> WrittenAsync(string container, ResponseMessage response, CancellationToken ct)
    {
        response.EnsureSuccessStatusCode();
        var document = await CosmosItems.ReadOneAsync(container, response.Content, ct).ConfigureAwait(false);
        _sequence.Observe(document.Sequence);
        return document;
    }

    private Container Of(string container) => client.GetContainer(options.Database, container);

    // Milliseconds, the stored precision, so a write's result equals what a later read returns.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());

    private static void ValidateKey(string container, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentException.ThrowIfNullOrEmpty(id);
    }

    // Reads and deletes of such an id find nothing (nothing can be stored under it); writes are refused.
    private static bool IsStorableId(string id) => id.AsSpan().IndexOfAny("/\\?#") < 0;

    private static void ValidateDocument(string container, string id, string partition, string json)
    {
        ValidateKey(container, id);
        if (!IsStorableId(id))
        {
            throw new ArgumentException($"'{id}' cannot be a Cosmos DB item id ('/', '\\', '?' and '#' are not allowed).", nameof(id));
        }

        ArgumentNullException.ThrowIfNull(partition);
        ArgumentException.ThrowIfNullOrEmpty(json);
    }
}
