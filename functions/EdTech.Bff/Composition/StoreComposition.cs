using EdTech.Application.Privacy.Erasure;
using EdTech.Infrastructure.Cosmos;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Composition;

public enum StoreProvider
{
    Sqlite,
    Cosmos,
}

/// <summary>
/// Chooses the document store from configuration: <c>Store:Provider</c> = <c>sqlite</c> (default, the file
/// edtech.db in the data folder) or <c>cosmos</c> (<c>Store:Cosmos:*</c>, see docs/cosmos.md). A missing or
/// malformed setting stops the host at start-up, naming the setting.
/// </summary>
public static class StoreComposition
{
    public static StoreProvider ProviderFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Store:Provider"]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => StoreProvider.Sqlite,
            "COSMOS" => StoreProvider.Cosmos,
            _ => throw new InvalidOperationException($"Store:Provider must be 'sqlite' or 'cosmos', not '{configuration["Store:Provider"]}'."),
        };
    }

    public static CosmosStoreOptions CosmosOptionsFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration["Store:Cosmos:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException(
                $"Store:Cosmos:Endpoint must be the account's https URL when Store:Provider=cosmos (got '{endpoint}').");
        }

        var mode = configuration["Store:Cosmos:ConnectionMode"]?.Trim().ToUpperInvariant();
        if (mode is not (null or "" or "DIRECT" or "GATEWAY"))
        {
            throw new InvalidOperationException($"Store:Cosmos:ConnectionMode must be 'direct' or 'gateway', not '{configuration["Store:Cosmos:ConnectionMode"]}'.");
        }

        var options = new CosmosStoreOptions
        {
            Endpoint = uri,
            Database = configuration["Store:Cosmos:Database"] is { Length: > 0 } database ? database : "edtech",
            Key = configuration["Store:Cosmos:Key"] is { Length: > 0 } key ? key : null,
            GatewayMode = mode == "GATEWAY",
            AcceptAnyServerCertificate = Flag(configuration, "Store:Cosmos:AcceptAnyServerCertificate"),
            AllowBulkExecution = Flag(configuration, "Store:Cosmos:AllowBulkExecution"),
            CreateContainers = Flag(configuration, "Store:Cosmos:CreateContainers"),
        };
        options.EnsureValid();
        return options;
    }

    /// <summary>Registers the configured store as IDocumentStore, under the erasure guard (and, for SQLite, its IChangeFeed).</summary>
    public static IServiceCollection AddEdTechStore(this IServiceCollection services, IConfiguration configuration, EdTechOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ProviderFrom(configuration) == StoreProvider.Cosmos)
        {
            // The store, its transient-failure rules and the CosmosChangeDispatcher the triggers (or the processor pump) use.
            return services.AddCosmosDocumentStore(CosmosOptionsFrom(configuration)).AddErasureGuard();
        }

        // Over either adapter, the erasure guard: no write of an erased student's data survives (docs/privacy.md).
        return services.AddSqliteDocumentStore(new SqliteStoreOptions(Path.Combine(options.DataDirectory, "edtech.db"), options.SynchronousFull)).AddErasureGuard();
    }

    private static bool Flag(IConfiguration configuration, string name) =>
        configuration[name] is not { Length: > 0 } value
            ? false
            : bool.TryParse(value, out var flag)
                ? flag
                : throw new InvalidOperationException($"{name} must be true or false, not '{value}'.");
}
