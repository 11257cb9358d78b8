using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// Where the embedded engine keeps its state: in memory (default: fastest, lost on restart, so start-up
/// reconciliation re-drives unfinished work) or in Azure Storage through DurableTask.AzureStorage (on one
/// machine, against Azurite: instances survive a crash and resume where they stopped).
/// </summary>
public sealed record LocalDurableBackend(IOrchestrationService Service, IOrchestrationServiceClient Client, int MaxConcurrentWorkItems)
{
    /// <summary>Work items per kind the Azure Storage backend runs at once; its queues are polled, not pushed.</summary>
    public const int AzureStorageConcurrency = 100;

    public static LocalDurableBackend Create(LocalDurableEngineOptions options, ILoggerFactory loggerFactory)
    {
        if (options.AzureStorageConnectionString is not { Length: > 0 } connectionString)
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            return new LocalDurableBackend(memory, memory, options.MaxConcurrentWorkItems);
        }

        var storage = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            LoggerFactory = loggerFactory,
            // One host owns the hub: a stable worker id lets a restarted process take its partitions back at once.
            WorkerId = "edtech-localhost-" + options.TaskHubName,
            // No app lease: it lets one of several apps sharing a hub (blue/green) run it, and gates everything on one blob.
            // While the lease is not held (version 2.11) no partition is owned and no activity is dequeued; a failed acquire
            // waits AppLeaseOptions.AcquireInterval (5 minutes) before the next try, and a missing lease-info blob makes the
            // starter loop throw NullReferenceException without end. On a loaded machine the first grading of a fresh hub then
            // stood still for minutes (the Azure Storage kill -9 test, warm-up submission 'accepted' for 3 minutes, with
            // AppLeaseManager NullReferenceException lines). One LocalHost owns its hub, so it starts its partitions directly.
            UseAppLease = false,
            MaxConcurrentTaskOrchestrationWorkItems = AzureStorageConcurrency,
            MaxConcurrentTaskActivityWorkItems = AzureStorageConcurrency,
            // The default backs off to 30 s between polls of an idle queue; a local host should answer in about a second.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // A message a killed process had dequeued stays invisible this long before another try: the 5-minute default
            // would stall every orchestration step cut off by a crash for 5 minutes. Steps here take well under a second.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
        });
        return new LocalDurableBackend(storage, storage, AzureStorageConcurrency);
    }
}
