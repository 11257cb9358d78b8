using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdTech.Infrastructure.Caching;

/// <summary>
/// Cache settings read once at start-up (docs/cache.md). Without <see cref="RedisConnectionString"/> the
/// HybridCache runs with its in-memory L1 only; with it, Redis is the shared L2 behind
/// <see cref="ResilientDistributedCache"/>.
/// </summary>
public sealed record EdTechCacheOptions
{
    public const string DefaultKeyPrefix = "edtech:";

    /// <summary>StackExchange.Redis configuration string ("host:port,ssl=true,password=..."), from Redis:ConnectionString.</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>Prepended to every Redis key so deployments can share a cache (Redis:KeyPrefix).</summary>
    public string KeyPrefix { get; init; } = DefaultKeyPrefix;

    /// <summary>Entry lifetime in L2 (and overall) unless the caller says otherwise (Cache:ExpirationSeconds).</summary>
    public TimeSpan Expiration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Entry lifetime in each instance's memory (Cache:LocalExpirationSeconds).</summary>
    public TimeSpan LocalExpiration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a Redis connection (Redis:ConnectTimeoutMs).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one Redis call as seen by the caller (Redis:OperationTimeoutMs).</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a Redis failure, how long the cache stops trying Redis (Redis:BreakMs).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    public static EdTechCacheOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration["Redis:ConnectionString"]) && !string.IsNullOrWhiteSpace(configuration["Redis:Endpoint"]))
        {
            throw new InvalidOperationException(
                "Redis:Endpoint (Microsoft Entra ID authentication) needs Microsoft.Azure.StackExchangeRedis, which this build does not include; " +
                "set Redis:ConnectionString instead, or remove Redis:Endpoint to run with the in-memory cache only (docs/cache.md).");
        }

        var defaults = new EdTechCacheOptions();
        return new EdTechCacheOptions
        {
            RedisConnectionString = string.IsNullOrWhiteSpace(configuration["Redis:ConnectionString"]) ? null : configuration["Redis:ConnectionString"],
            KeyPrefix = configuration["Redis:KeyPrefix"] is { Length: > 0 } prefix ? prefix : DefaultKeyPrefix,
            Expiration = Read(configuration, "Cache:ExpirationSeconds", TimeSpan.FromSeconds, defaults.Expiration),
            LocalExpiration = Read(configuration, "Cache:LocalExpirationSeconds", TimeSpan.FromSeconds, defaults.LocalExpiration),
            ConnectTimeout = Read(configuration, "Redis:ConnectTimeoutMs", TimeSpan.FromMilliseconds, defaults.ConnectTimeout),
            OperationTimeout = Read(configuration, "Redis:OperationTimeoutMs", TimeSpan.FromMilliseconds, defaults.OperationTimeout),
            BreakDuration = Read(configuration, "Redis:BreakMs", TimeSpan.FromMilliseconds, defaults.BreakDuration),
        };
    }

    private static TimeSpan Read(IConfiguration configuration, string key, Func<double, TimeSpan> unit, TimeSpan fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? unit(value)
            : throw new InvalidOperationException($"{key} must be a positive whole number, not '{raw}'.");
    }
}
