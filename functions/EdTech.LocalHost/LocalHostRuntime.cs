using EdTech.Application.ChangeFeed;
using EdTech.Bff.Composition;
using EdTech.Bff.Http;
using EdTech.Infrastructure.ChangeFeed;
using EdTech.Infrastructure.Cosmos;
using EdTech.Infrastructure.Hosting;
using EdTech.Infrastructure.Identity;
using EdTech.LocalHost.Durable;
using EdTech.Orchestrations;

namespace EdTech.LocalHost;

public static class LocalHostRuntime
{
    /// <summary>
    /// What only the one-machine host has: its local token issuer (key in the data folder), the
    /// in-process durable engine, the change-feed pump and start-up reconciliation. All logic they run
    /// is shared with the Functions app.
    /// </summary>
    public static IServiceCollection AddLocalHostRuntime(this IServiceCollection services, EdTechOptions options, IConfiguration configuration)
    {
        // Before anything creates a file there (token key, SQLite, sidecar socket, notification log): owner-only.
        var dataFolderWarning = PrivateDataFolder.Ensure(options.DataDirectory);
        services.AddHostedService(sp => new DataFolderCheck(sp.GetRequiredService<ILogger<DataFolderCheck>>(), dataFolderWarning));
        services.AddSingleton(LocalTokenIssuer.ForDataDirectory(options.DataDirectory));
        services.AddLocalIssuerTrust();
        services.AddLocalDurableEngine(DurableEngineOptions(options, configuration), OrchestrationCatalog.Register);
        // One process serves requests and grades: requests in flight make the pump take smaller steps.
        var inFlight = new InFlightRequests(
            EdTechOptions.PositiveOr(configuration, "Pump:BusyInFlight", 8), EdTechOptions.PositiveOr(configuration, "Pump:SaturatedCommandsPerSecond", 750), TimeProvider.System);
        services.AddSingleton(inFlight);
        services.AddSingleton<IForegroundLoad>(inFlight);
        if (StoreComposition.ProviderFrom(configuration) == StoreProvider.Cosmos)
        {
            services.AddCosmosChangeFeedPump();
        }
        else
        {
            services.AddSingleton(ChangeFeedPumpOptions.From(configuration));
            services.AddHostedService<ChangeFeedPump>();
        }

        // On by default; off only to prove that a persistent durable back-end resumes work by itself.
        if (!string.Equals(configuration["Grading:ReconcileOnStartup"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<StartupReconciliation>();
        }
        services.AddHostedService<CronScheduler>();
        // On by default: after a burst the idle host gives the memory of the peak back (IdleMemoryTrimmer).
        if (!string.Equals(configuration["Memory:TrimWhenIdle"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<IdleMemoryTrimmer>();
        }

        return services;
    }

    /// <summary>"Durable:CompletedRetention": a TimeSpan ("00:01:00", the default); "0" or "00:00:00" keeps finished instances forever.</summary>
    public static TimeSpan CompletedRetentionFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new LocalDurableEngineOptions(".").CompletedRetention;
        }

        if (value.Trim() == "0")
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var retention) && retention >= TimeSpan.Zero
            ? retention
            : throw new InvalidOperationException($"Setting 'Durable:CompletedRetention' must be a time span such as '00:10:00' (or 0 to keep finished instances); got '{value}'.");
    }

    /// <summary>"Durable:Provider" is InMemory (default) or AzureStorage, which needs "Durable:AzureStorage:ConnectionString".</summary>
    public static LocalDurableEngineOptions DurableEngineOptions(EdTechOptions options, IConfiguration configuration)
    {
        var engine = new LocalDurableEngineOptions(options.DataDirectory, WorkerConcurrency: options.DurableWorkerConcurrency)
        {
            CompletedRetention = CompletedRetentionFrom(configuration["Durable:CompletedRetention"]),
        };
        var provider = configuration["Durable:Provider"];
        if (provider is null or "" || string.Equals(provider, "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            return engine;
        }

        if (!string.Equals(provider, "AzureStorage", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Setting 'Durable:Provider' must be 'InMemory' or 'AzureStorage'; got '{provider}'.");
        }

        var connectionString = configuration["Durable:AzureStorage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Setting 'Durable:AzureStorage:ConnectionString' is required when 'Durable:Provider' is 'AzureStorage' (Azurite: 'UseDevelopmentStorage=true').");
        }

        return engine with
        {
            AzureStorageConnectionString = connectionString,
            TaskHubName = configuration["Durable:TaskHub"] is { Length: > 0 } hub ? hub : engine.TaskHubName,
        };
    }
}
