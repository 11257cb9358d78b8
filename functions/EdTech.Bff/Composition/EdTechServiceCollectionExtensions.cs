using EdTech.Application.Access;
using EdTech.Application;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Grading.Release;
using EdTech.Application.Grading.Review;
using EdTech.Infrastructure.Outbox;
using EdTech.Application.Learning;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Serialization;
using EdTech.Application.Timing;
using EdTech.Bff.Composition.OpenApi;
using EdTech.Bff.Health;
using EdTech.Bff.Http;
using EdTech.Bff.Limits;
using EdTech.Bff.Security;
using EdTech.Orchestrations.Calibration;
using EdTech.Infrastructure.Caching;
using EdTech.Infrastructure.Ai;
using EdTech.Infrastructure.Tagging;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Regrade;
using EdTech.Orchestrations.Release;
using EdTech.Orchestrations.Simulation;
using EdTech.Orchestrations.Tagging;
using EdTech.Orchestrations.Timing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdTech.Bff.Composition;

public static class EdTechServiceCollectionExtensions
{
    /// <summary>
    /// The one composition both hosts use. The host adds only what is its own: the LocalHost its local
    /// token issuer, durable engine and change-feed pump; the Functions app its triggers.
    /// </summary>
    public static IServiceCollection AddEdTech(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EdTechOptions.From(configuration);
        services.AddSingleton(options);
        services.AddEdTechStore(configuration, options);
        services.AddSingleton(ReviewReminderSettings.From(configuration["Grading:ReviewReminderAfter"], configuration["Grading:ReviewRemindersBeforeEscalation"]));
        services.AddSingleton(new GradingBatchSettings(EdTechOptions.PositiveOr(configuration, "Grading:BatchSize", GradingBatchSettings.Default.BatchSize)));
        services.AddSingleton(NightlyReleaseSettings.From(configuration["Release:NightlyHour"]));
        services.AddSingleton(AccessCacheSettings.From(configuration["Cache:AccessSeconds"]));
        services.AddSingleton(new BulkPageSettings(
            EdTechOptions.PositiveOr(configuration, "Durable:ReleasePageSize", BulkPageSettings.Default.ReleasePageSize),
            EdTechOptions.PositiveOr(configuration, "Durable:RegradePageSize", BulkPageSettings.Default.RegradePageSize),
            EdTechOptions.PositiveOr(configuration, "Durable:BulkPagesInFlight", BulkPageSettings.Default.PagesInFlight)));
        services.AddSingleton(LearningSettings.From(configuration));
        services.AddSingleton(ErasureSettings.From(configuration["Privacy:RecreateErasedAfterSeconds"]));
        services.AddSingleton(ChangeFeedSettings.From(configuration));
        services.AddSingleton(new TaggingJobSettings(EdTechOptions.PositiveOr(configuration, "Tagging:MaxConcurrentChunks", TaggingJobSettings.Default.MaxConcurrentChunks)));
        services.AddSingleton(AutoTaggingSettings.From(configuration["Tagging:DebounceSeconds"], configuration["Tagging:AutoApplyConfidence"]));
        services.AddSingleton(TaggingBudgetSettings.From(configuration["Tagging:MonthlyTokenBudget"]));
        services.AddSingleton(SimulationSettings.From(configuration["Simulation:MaxRunningPerTenant"], configuration["Simulation:ChunkStudents"], configuration["Simulation:StaleAfterMinutes"]));
        services.AddEdTechApplication();
        // Before any other hosted service (the LocalHost's pump): the registered change-feed handlers must be the catalog's.
        services.AddHostedService<ChangeFeedCatalogCheck>();
        services.AddEdTechCache(configuration); // HybridCache (+ Redis L2 when Redis:ConnectionString is set); safe after a plain AddHybridCache()
        // A large course's gradebook exceeds the 1 MB default payload limit, above which nothing is cached.
        services.AddHybridCache(o => o.MaximumPayloadBytes = 16 * 1024 * 1024);
        // Outbox (notifications, integration events): the Service Bus topic when ServiceBus:* is set, else files in the data folder.
        services.AddEdTechOutboxPublisher(configuration, options.DataDirectory);
        // The host's DI client by default (LocalHost); the Functions app replaces it with its per-invocation binding.
        services.TryAddSingleton<IDurableClientSource>(sp => new RegisteredDurableClientSource(sp.GetRequiredService<DurableTaskClient>()));
        services.AddSingleton<ITransientFailures, DurableTransientFailures>();
        services.AddSingleton<IGradingWorkflow, DurableGradingWorkflow>();
        services.AddSingleton<IReleaseWorkflow, DurableReleaseWorkflow>();
        services.AddSingleton<IReleaseTimer, DurableReleaseTimer>();
        services.AddSingleton<IAttemptTimer, DurableAttemptTimer>();
        services.AddSingleton<IRegradeWorkflow, DurableRegradeWorkflow>();
        services.AddSingleton<ICalibrationWorkflow, DurableCalibrationWorkflow>();
        services.AddSingleton<ITaggingWorkflow, DurableTaggingWorkflow>();
        services.AddSingleton<IAutoTaggingWorkflow, DurableAutoTaggingWorkflow>();
        services.AddSingleton<ISimulationWorkflow, DurableSimulationWorkflow>();
        services.AddEdTechChatClient(configuration);
        services.AddEdTechTagging();

        services.AddEdTechHealth(configuration);
        services.AddRouting();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Type ??= ctx.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => ProblemTypes.Unauthenticated,
                StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
                StatusCodes.Status404NotFound => ProblemTypes.NotFound,
                _ => ctx.ProblemDetails.Type,
            };
        });
        services.AddExceptionHandler<SubjectErasedHandler>();
        services.ConfigureHttpJsonOptions(o => EdTechJson.Configure(o.SerializerOptions));
        services.AddEdTechAuthentication(configuration);
        services.AddEdTechAuthorization();
        services.AddEdTechRateLimits(configuration).AddEdTechWebClients(configuration);
        var servers = OpenApiServers.From(configuration);
        foreach (var role in Apis.EdTechApi.RoleGroups.Keys)
        {
            services.AddOpenApi(role, o => OpenApiDocuments.Configure(o, role, servers));
        }

        return services;
    }
}
