namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// How to reach the Cosmos DB account. In Azure only <see cref="Endpoint"/> is needed: the client signs in
/// with <c>DefaultAzureCredential</c> (managed identity) and the containers come from Bicep. The other
/// settings exist for the local emulator or a stand-in server on loopback.
/// </summary>
public sealed record CosmosStoreOptions
{
    /// <summary>The well-known key of the Cosmos DB emulator; stand-in servers accept any key.</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>The lease container of the change-feed processors (one lease set per handler).</summary>
    public const string LeaseContainer = "leases";

    public required Uri Endpoint { get; init; }

    public string Database { get; init; } = "edtech";

    /// <summary>Account key: only for an emulator on loopback. Null means <c>DefaultAzureCredential</c>.</summary>
    public string? Key { get; init; }

    /// <summary>Gateway (HTTPS only) instead of Direct mode; emulators and stand-ins need it.</summary>
    public bool GatewayMode { get; init; }

    /// <summary>Trust any TLS certificate: only for an emulator on loopback with a self-signed one.</summary>
    public bool AcceptAnyServerCertificate { get; init; }

    /// <summary>
    /// Let the SDK coalesce concurrent point writes into bulk requests: more throughput for bursts of
    /// writes (imports, fan-out) at the price of up to ~100 ms extra latency per write.
    /// </summary>
    public bool AllowBulkExecution { get; init; }

    /// <summary>Create the database and containers at start-up (emulators); in Azure, Bicep owns them.</summary>
    public bool CreateContainers { get; init; }

    /// <summary>Fails fast, naming the setting, on a combination that must not reach production.</summary>
    public void EnsureValid()
    {
        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Store:Cosmos:Endpoint must be an https URL, not '{Endpoint}'.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Database);
        if ((Key is not null || AcceptAnyServerCertificate) && !Endpoint.IsLoopback)
        {
            throw new InvalidOperationException(
                "Store:Cosmos:Key and Store:Cosmos:AcceptAnyServerCertificate are for an emulator on loopback only; " +
                $"'{Endpoint.Host}' is not loopback. Use the managed identity (DefaultAzureCredential) instead.");
        }
    }
}
