#if COSMOS_TRIGGERS
using System.Text.Json;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Cosmos;
using EdTech.Orchestrations.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.ChangeFeed;

/// <summary>
/// Cosmos DB change-feed triggers: one per change-feed handler and container, each with its own lease
/// prefix, so every handler keeps its own checkpoint as with the local pump. They call the same handlers
/// through <see cref="CosmosChangeDispatcher"/>. A failing handler is retried (the trigger would otherwise
/// move on). Compiled only with -p:EnableCosmosTriggers=true: Worker.Extensions.CosmosDB is not in this
/// environment's package source, so these cannot be built or tested here.
/// Connection "CosmosTrigger" is identity-based: set CosmosTrigger__accountEndpoint (and, with a
/// user-assigned identity, CosmosTrigger__credential=managedidentity and CosmosTrigger__clientId).
/// A trigger whose handler starts a workflow takes the [DurableClient] binding and binds it for the dispatch.
/// </summary>
public sealed class CosmosChangeFeedFunctions(CosmosChangeDispatcher dispatcher, InvocationDurableClientSource durable)
{
    private const string Database = "edtech";
    private const string Connection = "CosmosTrigger";

    [Function("StartGradingOnSubmissions")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task StartGrading(
        [CosmosDBTrigger(Database, Containers.Submissions, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer, LeaseContainerPrefix = "start-grading.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync("start-grading", Containers.Submissions, changes, ct).ConfigureAwait(false);
    }

    [Function("SubmissionProjectionOnSubmissions")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task ProjectSubmissions(
        [CosmosDBTrigger(Database, Containers.Submissions, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer, LeaseContainerPrefix = "submission-projection.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync("submission-projection", Containers.Submissions, changes, ct);
}
#endif
