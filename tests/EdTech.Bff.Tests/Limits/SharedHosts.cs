using System.Net;
using System.Net.Sockets;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Infrastructure.Tests.Caching;

namespace EdTech.Bff.Tests.Limits;

/// <summary>
/// Two app instances (two LocalHosts, each its own memory and data folder) configured with one Redis, as two
/// Functions instances are in Azure. Both know the same tenant; each mints its own tokens.
/// </summary>
public abstract class SharedHosts(bool startRedis, params (string Key, string Value)[] settings) : IAsyncLifetime
{
    private RedisServer? _redis;

    public ConfiguredHost A { get; private set; } = null!;

    public ConfiguredHost B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string connection;
        if (!startRedis)
        {
            connection = $"127.0.0.1:{UnusedPort()}"; // nothing listens there: Redis is down from the start
        }
        else if (RedisServer.BinaryPath is null && !RedisFactAttribute.Required)
        {
            return; // the tests are skipped (RedisFact)
        }
        else
        {
            _redis = await RedisServer.StartAsync();
            connection = _redis.ConnectionString;
        }

        (string, string)[] all = [.. settings, ("Redis:ConnectionString", connection), ("Redis:KeyPrefix", "edtech-" + Guid.NewGuid().ToString("n")[..8] + ":")];
        A = new ConfiguredHost(all);
        B = new ConfiguredHost(all);
    }

    /// <summary>The same school on both instances (8 requests of the tenant on each: 7 by its admin, 1 by its teacher).</summary>
    public async Task<(School A, School B)> CreateSchoolAsync()
    {
        var tenant = "school-" + Guid.NewGuid().ToString("n")[..8];
        var a = await School.CreateAsync(A.Factory, A.CreateClient(), tenant);
        var b = await School.CreateAsync(B.Factory, B.CreateClient(), tenant);
        return (a, b);
    }

    public async Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>60 requests per tenant, then one per 100 s; users at their generous default.</summary>
public sealed class SharedTenantLimitHosts() : SharedHosts(true, ("RateLimits:TenantBurst", "60"), ("RateLimits:TenantTokensPerSecond", "0.01"));

/// <summary>30 requests per user, then one per 100 s; the tenant at its generous default.</summary>
public sealed class SharedUserLimitHosts() : SharedHosts(true, ("RateLimits:UserBurst", "30"), ("RateLimits:UserTokensPerSecond", "0.01"));

/// <summary>Redis configured but down: 40 requests per tenant per instance.</summary>
public sealed class RedisDownHosts() : SharedHosts(false,
    ("RateLimits:TenantBurst", "40"), ("RateLimits:TenantTokensPerSecond", "0.01"), ("Redis:ConnectTimeoutMs", "200"), ("Redis:OperationTimeoutMs", "200"));
