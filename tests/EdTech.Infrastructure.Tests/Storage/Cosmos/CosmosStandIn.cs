using EdTech.Infrastructure.Cosmos;
using EdTech.Infrastructure.Tests.Services;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Tests.Storage.Cosmos;

/// <summary>
/// The Cosmos DB server the Cosmos tests use: <c>EDTECH_COSMOS_ENDPOINT</c>, by default the emulator's
/// address https://127.0.0.1:8081/, where <c>.ci/services/cosmos.sh</c> starts @vercel/cosmosdb-server.
/// One client and one database serve all tests; each test uses fresh tenants.
/// </summary>
internal static class CosmosStandIn
{
    public const string Service = "The Cosmos DB stand-in";
    public const string HowToStart = "start it with: source .ci/services/cosmos.sh";

    private static readonly Lazy<Task<CosmosClient>> Ready = new(StartAsync);

    public static Uri Endpoint { get; } = new(Environment.GetEnvironmentVariable("EDTECH_COSMOS_ENDPOINT") is { Length: > 0 } value
        ? value
        : "https://127.0.0.1:8081/");

    public static CosmosStoreOptions Options { get; } = new()
    {
        Endpoint = Endpoint,
        Database = "edtech-tests",
        Key = CosmosStoreOptions.EmulatorKey,
        GatewayMode = true,
        AcceptAnyServerCertificate = true,
        CreateContainers = true,
    };

    /// <summary>The endpoint is Microsoft's Cosmos DB emulator (EDTECH_COSMOS_EMULATOR=1), which serves what the stand-in cannot.</summary>
    public static bool IsRealEmulator => Environment.GetEnvironmentVariable("EDTECH_COSMOS_EMULATOR") == "1";

    public static string? SkipReason => RequiredService.SkipReason(Service, Endpoint, HowToStart);

    /// <summary>The shared client, once the database and containers exist.</summary>
    public static Task<CosmosClient> ClientAsync() => Ready.Value;

    private static async Task<CosmosClient> StartAsync()
    {
        RequiredService.EnsureReachable(Service, Endpoint, HowToStart);
        var client = CosmosClients.Create(Options);
        await CosmosDocumentStore.CreateContainersAsync(client, Options);
        return client;
    }
}
