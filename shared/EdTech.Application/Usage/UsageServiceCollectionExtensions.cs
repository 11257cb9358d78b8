using EdTech.Application.ChangeFeed;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>Usage events: intake, the change-feed projection and the per-day read.</summary>
    public static IServiceCollection AddEdTechUsage(this IServiceCollection services)
    {
        services.AddSingleton<RecordUsageEventsHandler>();
        services.AddSingleton<GetCourseUsageHandler>();
        services.AddSingleton<GetModuleUsageHandler>();
        services.AddSingleton<UsageProjection>();
        services.AddSingleton<IChangeFeedHandler>(provider => provider.GetRequiredService<UsageProjection>());
        // The submissions side is a part of the submission-insights consumer (registered with the projections), not a handler of its own.
        return services;
    }
}
