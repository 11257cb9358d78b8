using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdTech.Infrastructure.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="CosmosClient"/> and the <see cref="CosmosDocumentStore"/> as <see cref="IDocumentStore"/>.
    /// No <c>IChangeFeed</c>: in Azure the Functions' Cosmos DB triggers deliver changes, elsewhere
    /// <see cref="AddCosmosChangeFeedPump"/> does. With <see cref="CosmosStoreOptions.CreateContainers"/> the
    /// containers are created before the host starts serving.
    /// </summary>
    public static IServiceCollection AddCosmosDocumentStore(this IServiceCollection services, CosmosStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        services.AddSingleton(options);
        services.AddSingleton(_ => CosmosClients.Create(options));
        services.AddSingleton(provider => new CosmosDocumentStore(
            provider.GetRequiredService<CosmosClient>(), options, provider.GetService<TimeProvider>()));
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<CosmosDocumentStore>());
        services.AddSingleton<ITransientFailures, CosmosTransientFailures>();
        services.AddSingleton<CosmosChangeDispatcher>();
        if (options.CreateContainers)
        {
            services.AddHostedService(provider => new CosmosContainerSetup(provider.GetRequiredService<CosmosClient>(), options));
        }

        return services;
    }

    /// <summary>The change-feed pump for hosts that are not Azure Functions (one processor per handler and container).</summary>
    public static IServiceCollection AddCosmosChangeFeedPump(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<CosmosChangeFeedPump>();
        return services;
    }

    private sealed class CosmosContainerSetup(CosmosClient client, CosmosStoreOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => CosmosDocumentStore.CreateContainersAsync(client, options, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
