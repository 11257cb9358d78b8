using EdTech.Application.ChangeFeed;
using EdTech.Bff.Composition;
using EdTech.Bff.Http;
using EdTech.Infrastructure.ChangeFeed;
using EdTech.Infrastructure.Cosmos;
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
        services.AddSingleton(LocalTokenIssuer.ForDataDirectory(options.DataDirectory));
        services.AddLocalIssuerTrust();
        services.AddLocalDurableEngine(new LocalDurableEngineOptions(options.DataDirectory, WorkerConcurrency: options.DurableWorkerConcurrency), OrchestrationCatalog.Register);
        // One process serves requests and grades: requests in flight make the pump take smaller steps.
        var inFlight = new InFlightRequests(int.TryParse(configuration["Pump:BusyInFlight"], out var busy) && busy > 0 ? busy : 8, TimeProvider.System);
        services.AddSingleton(inFlight);
        services.AddSingleton<IForegroundLoad>(inFlight);
        if (StoreComposition.ProviderFrom(configuration) == StoreProvider.Cosmos)
        {
            services.AddCosmosChangeFeedPump();
        }
        else
        {
            services.AddHostedService<ChangeFeedPump>();
        }

        services.AddHostedService<StartupReconciliation>();
        services.AddHostedService<CronScheduler>();
        return services;
    }
}
