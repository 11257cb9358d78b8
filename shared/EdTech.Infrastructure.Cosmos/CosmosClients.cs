using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>Builds the one <see cref="CosmosClient"/> a process should have.</summary>
public static class CosmosClients
{
    /// <param name="configure">Last changes to the client options (e.g. a custom request handler that observes requests).</param>
    public static CosmosClient Create(CosmosStoreOptions options, Action<CosmosClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "edtech",
            AllowBulkExecution = options.AllowBulkExecution,
            ConnectionMode = options.GatewayMode ? ConnectionMode.Gateway : ConnectionMode.Direct,
            // The adapter sends and reads raw JSON streams; nothing goes through the SDK's serializer.
            EnableContentResponseOnWrite = true,
            // Operation spans on ActivitySource "Azure.Cosmos.Operation" (off by default in the GA SDK); they are exported only
            // where the host's OpenTelemetry subscribes to that source (docs/observability.md), otherwise they cost nothing.
            CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions { DisableDistributedTracing = false },
        };

        if (options.AcceptAnyServerCertificate)
        {
            // Emulator/stand-in on loopback (checked by EnsureValid): its certificate is self-signed, and it
            // advertises no other regions, so the client must stay on the given endpoint.
            clientOptions.LimitToEndpoint = true;
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        configure?.Invoke(clientOptions);
        return options.Key is { } key
            ? new CosmosClient(options.Endpoint.ToString(), key, clientOptions)
            : new CosmosClient(options.Endpoint.ToString(), new DefaultAzureCredential(), clientOptions);
    }
}
