using System.Text.Json;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Tests.Storage.Cosmos;

/// <summary>What only the Cosmos adapter promises, checked against the server (skipped when it is not running).</summary>
public sealed class CosmosStandInTests
{
    private readonly TenantId _tenant = new("t-" + Guid.NewGuid().ToString("n")[..16]);

    public static string? SkipReason(string testName) =>
        testName == nameof(BulkExecution_ABurstOfCreates_AllLandOnce) && !CosmosStandIn.IsRealEmulator
            ? "Bulk execution sends binary (HybridRow) batch requests, which the @vercel/cosmosdb-server stand-in cannot parse " +
              "(it answers 500). Runs against the real Cosmos DB emulator: set EDTECH_COSMOS_EMULATOR=1 with its endpoint."
            : CosmosStandIn.SkipReason;

    [StoreFact]
    public async Task Containers_AreCreatedWithTheHierarchicalKeyTenantThenPartition()
    {
        var client = await CosmosStandIn.ClientAsync();

        foreach (var name in Containers.All)
        {
            var properties = (await client.GetContainer(CosmosStandIn.Options.Database, name).ReadContainerAsync()).Resource;
            Assert.Equal(["/tenantId", "/partitionKey"], properties.PartitionKeyPaths);
        }
    }

    [StoreFact]
    public async Task Item_IsStoredUnderTheFullKeyWithTheCallersJsonUnderDoc()
    {
        var client = await CosmosStandIn.ClientAsync();
        var store = new CosmosDocumentStore(client, CosmosStandIn.Options);
        var created = await store.CreateAsync(_tenant, Containers.Courses, "c1", "p1", """{"id":"not-the-key","tenantId":"evil","title":"Algebra"}""");

        using var response = await client.GetContainer(CosmosStandIn.Options.Database, Containers.Courses)
            .ReadItemStreamAsync("c1", new PartitionKeyBuilder().Add(_tenant.Value).Add("p1").Build());

        response.EnsureSuccessStatusCode();
        using var item = await JsonDocument.ParseAsync(response.Content);
        var root = item.RootElement;
        Assert.Equal("c1", root.GetProperty("id").GetString());
        Assert.Equal(_tenant.Value, root.GetProperty("tenantId").GetString());
        Assert.Equal("p1", root.GetProperty("partitionKey").GetString());
        Assert.Equal("evil", root.GetProperty("doc").GetProperty("tenantId").GetString());
        Assert.Equal(created.Document!.Sequence, root.GetProperty("seq").GetInt64());
        Assert.Equal(created.Document.ETag, root.GetProperty("_etag").GetString());
        var read = await store.GetAsync(_tenant, Containers.Courses, "c1");
        Assert.Equal(_tenant, read!.Tenant);
        Assert.Equal("""{"id":"not-the-key","tenantId":"evil","title":"Algebra"}""", read.Json);
    }

    [StoreFact]
    public async Task Create_WithAnIdCosmosCannotStore_IsRejectedBeforeTheCall()
    {
        var store = new CosmosDocumentStore(await CosmosStandIn.ClientAsync(), CosmosStandIn.Options);

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(_tenant, Containers.Courses, "a/b", "p1", "{}"));
    }

    [StoreFact]
    public async Task Get_AndDelete_OfAnIdCosmosCannotStore_FindNothing()
    {
        var store = new CosmosDocumentStore(await CosmosStandIn.ClientAsync(), CosmosStandIn.Options);

        Assert.Null(await store.GetAsync(_tenant, Containers.Courses, "a/b"));
        Assert.False(await store.DeleteAsync(_tenant, Containers.Courses, "a#b"));
    }

    [StoreFact]
    public async Task BulkExecution_ABurstOfCreates_AllLandOnce()
    {
        var options = CosmosStandIn.Options with { AllowBulkExecution = true };
        using var client = CosmosClients.Create(options);
        var store = new CosmosDocumentStore(client, options);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(
            i => store.CreateAsync(_tenant, Containers.Courses, $"bulk-{i:D3}", $"p{i % 3}", $$"""{"n":{{i}}}""")));

        Assert.All(results, r => Assert.Equal(WriteStatus.Created, r.Status));
        var stored = await store.QueryAsync(_tenant, Containers.Courses, DocumentQuery.All);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"bulk-{i:D3}"), stored.Select(d => d.Id));
    }
}
