using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EdTech.Infrastructure.Limits;

public static class SharedRateLimitSetup
{
    /// <summary>
    /// When Redis is configured (Redis:ConnectionString, or Redis:HostName with Microsoft Entra ID, the cache's settings),
    /// registers <see cref="SharedRateLimitStore"/> on its own connection to that Redis; without Redis nothing is registered
    /// and the app's limits stay per instance.
    /// </summary>
    public static IServiceCollection AddEdTechSharedRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = EdTechCacheOptions.From(configuration);
        if (!options.UsesRedis)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        if (options.RedisHostName is not null)
        {
            services.TryAddSingleton(sp => new RedisEntraToken(EdTechCacheServiceCollectionExtensions.RedisCredential(options), sp.GetRequiredService<TimeProvider>()));
        }

        services.TryAddSingleton(sp => new SharedRateLimitStore(Connect(options, sp), options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SharedRateLimitStore>>()));
        return services;
    }

    private static Func<Task<IConnectionMultiplexer>> Connect(EdTechCacheOptions options, IServiceProvider services)
    {
        if (options.RedisHostName is null)
        {
            return async () => await ConnectionMultiplexer.ConnectAsync(EdTechCacheServiceCollectionExtensions.RedisConfiguration(options)).ConfigureAwait(false);
        }

        var token = services.GetRequiredService<RedisEntraToken>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<RedisEntraConnection>>();
        return async () => (await RedisEntraConnection.ConnectAsync(EdTechCacheServiceCollectionExtensions.RedisConfiguration(options), token, time, logger).ConfigureAwait(false)).Connection;
    }
}
