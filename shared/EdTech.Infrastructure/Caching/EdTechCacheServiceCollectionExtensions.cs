using EdTech.Application.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EdTech.Infrastructure.Caching;

public static class EdTechCacheServiceCollectionExtensions
{
    /// <summary>
    /// HybridCache with default entry options from <see cref="EdTechCacheOptions"/>; when Redis:ConnectionString
    /// is set, Redis becomes the shared L2 behind a circuit breaker, so a Redis outage degrades to L1 and the
    /// source instead of failing or slowing requests.
    /// </summary>
    public static IServiceCollection AddEdTechCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = EdTechCacheOptions.From(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        if (options.RedisConnectionString is not null)
        {
            var redis = new RedisCacheOptions
            {
                ConfigurationOptions = RedisConfiguration(options),
                InstanceName = options.KeyPrefix,
            };
            services.AddSingleton<IDistributedCache>(sp => new ResilientDistributedCache(
                new RedisCache(Options.Create(redis)),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ResilientDistributedCache>>()));
            // Invalidation stamps in Redis too, so an invalidation on one instance is seen by all (TeacherQueryCache).
            services.RemoveAll<ICacheStamps>();
            services.AddSingleton<ICacheStamps>(sp => new SharedCacheStamps(sp.GetRequiredService<IDistributedCache>()));
        }

        services.AddHybridCache(o => o.DefaultEntryOptions = new HybridCacheEntryOptions
        {
            Expiration = options.Expiration,
            LocalCacheExpiration = options.LocalExpiration,
        });
        return services;
    }

    /// <summary>Fail fast while disconnected (no backlog), short timeouts, reconnect in the background every second.</summary>
    public static ConfigurationOptions RedisConfiguration(EdTechCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.RedisConnectionString ?? throw new InvalidOperationException("Redis:ConnectionString is not set."));
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        return configuration;
    }
}
