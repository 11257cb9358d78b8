using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Cosmos;

namespace EdTech.Infrastructure.Tests.Storage.Cosmos;

/// <summary>
/// The store contract against a Cosmos DB server (the @vercel/cosmosdb-server stand-in in CI). The feed
/// tests are skipped: this adapter has no sequence-ordered pull feed, its changes reach the handlers
/// through the change-feed processor or Functions triggers, which the stand-in cannot serve.
/// </summary>
public sealed class CosmosDocumentStoreContractTests : DocumentStoreContractTests
{
    private const string NoPullFeed =
        "The Cosmos adapter has no IChangeFeed (a global sequence-ordered pull feed): changes reach handlers through " +
        "the change-feed processor or [CosmosDBTrigger], and the stand-in server has no change feed.";

    public static string? SkipReason(string testName) =>
        testName.StartsWith("ChangeFeed_", StringComparison.Ordinal)
        || testName.StartsWith("Checkpoints_", StringComparison.Ordinal)
        || testName.StartsWith("WaitForChanges_", StringComparison.Ordinal)
            ? NoPullFeed
            : CosmosStandIn.SkipReason;

    protected override IChangeFeed? ChangeFeedOf(IDocumentStore store) => null;

    protected override async Task<IDocumentStore> CreateStoreAsync() =>
        new CosmosDocumentStore(await CosmosStandIn.ClientAsync(), CosmosStandIn.Options);

    // The data lives in the server; a new adapter instance (with a fresh sequence clock) reads it back.
    protected override async Task<IDocumentStore> ReopenStoreAsync(IDocumentStore store) =>
        new CosmosDocumentStore(await CosmosStandIn.ClientAsync(), CosmosStandIn.Options);
}
