using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.LocalHost.Durable;

public static class LocalDurableEngineServiceCollectionExtensions
{
    private const string SidecarLogCategory = "Microsoft.DurableTask.Sidecar";

    /// <summary>
    /// Registers the real <see cref="DurableTaskWorker"/> and <see cref="DurableTaskClient"/> against an
    /// in-memory backend whose sidecar runs without the CPU-count concurrency cap.
    /// Instances live in memory only: a restart loses them, and start-up code must re-drive unfinished work.
    /// </summary>
    public static IServiceCollection AddLocalDurableEngine(
        this IServiceCollection services,
        LocalDurableEngineOptions options,
        Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registerTasks);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentWorkItems, 1);

        services.AddSingleton(options);
        // The sidecar logs every instance creation at Information and every duplicate start (the normal
        // idempotent path) as a Warning with a stack trace; at hundreds per second that is noise and cost.
        services.AddLogging(logging => logging.AddFilter(SidecarLogCategory, LogLevel.Error));
        services.AddLogging(logging => logging.AddFilter("DurableTask.AzureStorage", LogLevel.Warning).AddFilter("DurableTask.Core", LogLevel.Warning));
        services.AddSingleton(sp => LocalDurableBackend.Create(options, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<DurableSidecarChannel>();
        services.AddSingleton<DurableWorkCounters>();
        services.AddHostedService<DurableThroughputReporter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CompletedInstancePurger>();
        if (options.AzureStorageConnectionString is not { Length: > 0 })
        {
            // Only the in-memory backend holds finished instances in the process; the Azure Storage one keeps them in storage.
            services.AddHostedService(sp => sp.GetRequiredService<CompletedInstancePurger>());
        }
        services.AddSingleton<DurableSidecarHost>();
        // Hosted services start in registration order: the sidecar must listen before the worker (added below) connects.
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecarHost>());

        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc();
            services.AddOptions<GrpcDurableTaskWorkerOptions>(builder.Name)
                .Configure<DurableSidecarChannel>((grpc, sidecar) => grpc.Channel = sidecar.Channel);
            builder.AddTasks(registerTasks);
            builder.Configure(worker =>
            {
                worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.WorkerConcurrency;
                worker.Concurrency.MaximumConcurrentActivityWorkItems = options.WorkerConcurrency;
            });
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc();
            services.AddOptions<GrpcDurableTaskClientOptions>(builder.Name)
                .Configure<DurableSidecarChannel>((grpc, sidecar) => grpc.Channel = sidecar.Channel);
            builder.RegisterDirectly();
        });
        return services;
    }
}
