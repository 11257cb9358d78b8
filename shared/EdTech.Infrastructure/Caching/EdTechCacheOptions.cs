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

    /// <summary>
    /// Azure Managed Redis host (Redis:HostName): the app signs in with a Microsoft Entra token (TLS, port
    /// <see cref="RedisPort"/>), see <see cref="RedisEntraConnection"/>. Exclusive with <see cref="RedisConnectionString"/>.
    /// </summary>
    public string? RedisHostName { get; init; }

    /// <summary>TLS port of <see cref="RedisHostName"/> (Redis:Port); Azure Managed Redis listens on 10000.</summary>
    public int RedisPort { get; init; } = DefaultRedisPort;

    /// <summary>Client id of the user-assigned managed identity that gets the Redis token (Redis:ClientId); none = DefaultAzureCredential.</summary>
    public string? RedisClientId { get; init; }

    public const int DefaultRedisPort = 10000;

    /// <summary>Whether Redis is the shared L2 (either form of connection is configured).</summary>
    public bool UsesRedis => RedisConnectionString is not null || RedisHostName is not null;

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
        if (!string.IsNullOrWhiteSpace(configuration["Redis:Endpoint"]))
        {
            throw new InvalidOperationException(
                "Redis:Endpoint is not a setting: for Microsoft Entra ID authentication set Redis:HostName (and Redis:Port, Redis:ClientId); " +
                "for a connection string set Redis:ConnectionString (docs/cache.md).");
        }

        var connectionString = string.IsNullOrWhiteSpace(configuration["Redis:ConnectionString"]) ? null : configuration["Redis:ConnectionString"];
        var hostName = string.IsNullOrWhiteSpace(configuration["Redis:HostName"]) ? null : configuration["Redis:HostName"]!.Trim();
        if (connectionString is not null && hostName is not null)
        {
            throw new InvalidOperationException("Set either Redis:ConnectionString or Redis:HostName (Microsoft Entra ID), not both.");
        }

        if (hostName is not null && Uri.CheckHostName(hostName) is UriHostNameType.Unknown)
        {
            throw new InvalidOperationException($"Redis:HostName must be a host name, e.g. amr-abc.westeurope.redis.azure.net (got '{hostName}').");
        }

        var defaults = new EdTechCacheOptions();
        return new EdTechCacheOptions
        {
            RedisConnectionString = connectionString,
            RedisHostName = hostName,
            RedisPort = Port(configuration["Redis:Port"]),
            RedisClientId = string.IsNullOrWhiteSpace(configuration["Redis:ClientId"]) ? null : configuration["Redis:ClientId"]!.Trim(),
            KeyPrefix = configuration["Redis:KeyPrefix"] is { Length: > 0 } prefix ? prefix : DefaultKeyPrefix,
            Expiration = Read(configuration, "Cache:ExpirationSeconds", TimeSpan.FromSeconds, defaults.Expiration),
            LocalExpiration = Read(configuration, "Cache:LocalExpirationSeconds", TimeSpan.FromSeconds, defaults.LocalExpiration),
            ConnectTimeout = Read(configuration, "Redis:ConnectTimeoutMs", TimeSpan.FromMilliseconds, defaults.ConnectTimeout),
            OperationTimeout = Read(configuration, "Redis:OperationTimeoutMs", TimeSpan.FromMilliseconds, defaults.OperationTimeout),
            BreakDuration = Read(configuration, "Redis:BreakMs", TimeSpan.FromMilliseconds, defaults.BreakDuration),
        };
    }

    private static int Port(string? raw) =>
        string.IsNullOrWhiteSpace(raw)
            ? DefaultRedisPort
            : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : throw new InvalidOperationException($"Redis:Port must be a TCP port number, not '{raw}'.");

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
