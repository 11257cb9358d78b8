using EdTech.Application.ChangeFeed;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Cosmos;

/// <summary>
/// The change-feed pump for hosts that are not Azure Functions: one ChangeFeedProcessor per handler and
/// container it wants, with leases (checkpoints) named after the handler in the lease container, so each
/// handler keeps its own position as with the local pump. A new handler starts from the beginning of the
/// feed. The processor checkpoints only after the handler returned, so delivery is at least once; a change that keeps
/// failing goes to poison (<see cref="ChangeFeedDelivery"/>) instead of holding its lease.
/// Not covered by tests here: the stand-in server has no change feed.
/// </summary>
public sealed class CosmosChangeFeedPump(
    CosmosClient client, CosmosStoreOptions options, CosmosChangeDispatcher dispatcher, ILogger<CosmosChangeFeedPump> logger) : IHostedService
{
    private readonly CosmosChangeDispatcher _dispatcher = dispatcher;
    private readonly List<ChangeFeedProcessor> _processors = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var leases = client.GetContainer(options.Database, CosmosStoreOptions.LeaseContainer);
        var instance = $"{Environment.MachineName}-{Environment.ProcessId}";
        foreach (var handler in _dispatcher.Handlers)
        {
            foreach (var container in handler.Containers)
            {
                var name = handler.Name;
                var processor = client.GetContainer(options.Database, container)
                    .GetChangeFeedProcessorBuilder($"{name}.{container}", async (_, changes, ct) =>
                    {
                        var documents = await CosmosItems.ReadPageAsync(container, changes, ct).ConfigureAwait(false);
                        await _dispatcher.DispatchAsync(name, container, documents, ct).ConfigureAwait(false);
                    })
                    .WithInstanceName(instance)
                    .WithLeaseContainer(leases)
                    .WithStartTime(DateTime.MinValue.ToUniversalTime())
                    .WithErrorNotification((lease, exception) =>
                    {
                        logger.LogWarning(exception, "Change-feed handler {Handler} failed on {Container} lease {Lease}; the batch is retried", name, container, lease);
                        return Task.CompletedTask;
                    })
                    .Build();
                await processor.StartAsync().ConfigureAwait(false);
                _processors.Add(processor);
                logger.LogInformation("Change-feed processor {Handler} started on {Container}", name, container);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var processor in _processors)
        {
            await processor.StopAsync().ConfigureAwait(false);
        }

        _processors.Clear();
    }
}
