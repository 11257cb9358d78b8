using Azure.Core;
using Azure.Identity;
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

        if (options.RedisHostName is not null)
        {
            services.TryAddSingleton(sp => new RedisEntraToken(RedisCredential(options), sp.GetRequiredService<TimeProvider>()));
        }

        if (options.UsesRedis)
        {
            services.AddSingleton<IDistributedCache>(sp => new ResilientDistributedCache(
                new RedisCache(Options.Create(RedisCacheOptions(options, sp))),
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

    /// <summary>
    /// The RedisCache's options: a connection string as given, or Azure Managed Redis with a Microsoft Entra token
    /// that <see cref="RedisEntraConnection"/> keeps fresh (the cache connects through its factory, on first use).
    /// </summary>
    private static RedisCacheOptions RedisCacheOptions(EdTechCacheOptions options, IServiceProvider services)
    {
        var redis = new RedisCacheOptions { InstanceName = options.KeyPrefix };
        if (options.RedisHostName is null)
        {
            redis.ConfigurationOptions = RedisConfiguration(options);
            return redis;
        }

        var token = services.GetRequiredService<RedisEntraToken>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<RedisEntraConnection>>();
        redis.ConnectionMultiplexerFactory = async () =>
            (await RedisEntraConnection.ConnectAsync(RedisConfiguration(options), token, time, logger).ConfigureAwait(false)).Connection;
        return redis;
    }

    /// <summary>The user-assigned identity named by Redis:ClientId, else DefaultAzureCredential (AZURE_CLIENT_ID, or a developer sign-in).</summary>
    public static TokenCredential RedisCredential(EdTechCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RedisClientId is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }

    /// <summary>Fail fast while disconnected (no backlog), short timeouts, reconnect in the background every second.</summary>
    public static ConfigurationOptions RedisConfiguration(EdTechCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = options.RedisConnectionString is { } connectionString
            ? ConfigurationOptions.Parse(connectionString)
            : options.RedisHostName is { } host
                ? new ConfigurationOptions { EndPoints = { { host, options.RedisPort } }, Ssl = true, SslHost = host }
                : throw new InvalidOperationException("Neither Redis:ConnectionString nor Redis:HostName is set.");
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
