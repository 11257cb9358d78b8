using System.Diagnostics;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>HybridCache instances (separate L1 each) sharing a real redis-server as L2, started by the test.</summary>
public sealed class RedisHybridCacheTests : IAsyncLifetime
{
    private const string Prefix = "edtech-test:";
    private static readonly TenantId Tenant = new("acme");
    private readonly List<ServiceProvider> _providers = [];
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [RedisFact]
    public async Task Value_SetByOneInstance_IsReadBySecondInstanceFromRedis()
    {
        var (a, _) = NewInstance();
        var (b, _) = NewInstance();
        var key = CacheKey.For(Tenant, "course/c1/modules");

        Assert.Equal("from-a", await Read(a, key, "from-a", new Counter()));
        await InRedisAsync(key);
        var bFactory = new Counter();
        Assert.Equal("from-a", await Read(b, key, "from-b", bFactory));
        Assert.Equal(0, bFactory.Calls);
    }

    [RedisFact]
    public async Task RemoveByKey_OnOneInstance_IsSeenByAnotherInstanceThroughRedis()
    {
        var (a, _) = NewInstance();
        var (b, _) = NewInstance();
        var key = CacheKey.For(Tenant, "course/c2/modules");
        await Read(a, key, "old", new Counter());
        await InRedisAsync(key);

        await b.RemoveAsync(key);

        var (c, _) = NewInstance();
        var cFactory = new Counter();
        Assert.Equal("new", await Read(c, key, "new", cFactory));
        Assert.Equal(1, cFactory.Calls);
    }

    [RedisFact]
    public async Task RemoveByTag_OnOneInstance_IsSeenByAnotherInstanceThroughRedis()
    {
        var (a, _) = NewInstance();
        var (b, _) = NewInstance();
        var key = CacheKey.For(Tenant, "course/c3/grades");
        var tag = CacheKey.Tag(Tenant, "course/c3");
        await Read(a, key, "old", new Counter(), [tag]);
        await InRedisAsync(key);

        await b.RemoveByTagAsync(tag);

        var (c, _) = NewInstance();
        var cFactory = new Counter();
        Assert.Equal("new", await Read(c, key, "new", cFactory, [tag]));
        Assert.Equal(1, cFactory.Calls);
    }

    [RedisFact]
    public async Task RedisKilled_GetOrCreate_ServesFromL1AndFactoryWithinTimeout_AndWarnsOnce()
    {
        var (a, logs) = NewInstance(operationTimeoutMs: 300);
        await ConnectedAsync(a, logs);
        var warm = CacheKey.For(Tenant, "warm");
        await Read(a, warm, "warm", new Counter());

        await _redis.KillAsync();

        var warmFactory = new Counter();
        Assert.Equal("warm", await Read(a, warm, "other", warmFactory));
        Assert.Equal(0, warmFactory.Calls);
        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            var factory = new Counter();
            Assert.Equal($"v{i}", await Read(a, CacheKey.For(Tenant, $"outage/{i}"), $"v{i}", factory));
            Assert.Equal(1, factory.Calls);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"call {i} took {watch.Elapsed}");
            if (i == 2)
            {
                await Task.Delay(700); // past the 500 ms break: the next call probes Redis and fails again
            }
        }

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.EndsWith(nameof(ResilientDistributedCache), warning.Category, StringComparison.Ordinal);
        Assert.Contains("Redis", warning.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task RedisHung_CallsAreBoundedByTimeout_AndBreakerSkipsRedisDuringBreak()
    {
        var (a, logs) = NewInstance(operationTimeoutMs: 300);
        await ConnectedAsync(a, logs);
        await Read(a, CacheKey.For(Tenant, "warm"), "warm", new Counter());

        await _redis.PauseAsync();

        var total = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal($"v{i}", await Read(a, CacheKey.For(Tenant, $"hung/{i}"), $"v{i}", new Counter()));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"call {i} took {watch.Elapsed}");
        }

        // 10 calls x (get + set) x 300 ms would be 6 s without the breaker; with it only the first call waits.
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(2), $"10 calls took {total.Elapsed}");
        Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [RedisFact]
    public async Task RedisRestarted_AfterOutage_IsUsedAsL2Again()
    {
        var (a, logs) = NewInstance(operationTimeoutMs: 300);
        var (b, bLogs) = NewInstance(operationTimeoutMs: 300);
        await ConnectedAsync(a, logs);
        await ConnectedAsync(b, bLogs);
        await Read(a, CacheKey.For(Tenant, "before"), "x", new Counter());
        await _redis.KillAsync();
        await Read(a, CacheKey.For(Tenant, "during"), "x", new Counter());
        Assert.Single(logs.Messages(LogLevel.Warning, nameof(ResilientDistributedCache)));

        await _redis.RestartAsync();

        using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string key;
        for (var i = 0; ; i++)
        {
            key = CacheKey.For(Tenant, $"after/{i}");
            await Read(a, key, "from-a", new Counter());
            if (await admin.GetDatabase().KeyExistsAsync(Prefix + key))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "Redis was not used again within 15 s of its restart.");
            await Task.Delay(200);
        }

        var bFactory = new Counter();
        var deadlineB = DateTime.UtcNow.AddSeconds(15);
        while (await Read(b, key, "from-b", bFactory) != "from-a")
        {
            Assert.True(DateTime.UtcNow < deadlineB, "The second instance did not read L2 again within 15 s.");
            await b.RemoveAsync(key); // drop b's own fallback value (and, once connected, nothing else: a wrote first)
            await Read(a, key, "from-a", new Counter());
            await Task.Delay(200);
        }

        Assert.Contains(logs.Messages(LogLevel.Information, nameof(ResilientDistributedCache)), m => m.Contains("available again", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task Keys_InRedis_CarryDeploymentPrefixAndTenant()
    {
        var (a, _) = NewInstance();
        await Read(a, CacheKey.For(Tenant, "course/c9/modules"), "v", new Counter());
        await InRedisAsync(CacheKey.For(Tenant, "course/c9/modules"));

        using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        var keys = admin.GetServer(admin.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).ToList();

        Assert.Contains($"{Prefix}t/acme/course/c9/modules", keys);
        Assert.All(keys, k => Assert.StartsWith(Prefix, k, StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task AddEdTechCache_AfterPlainAddHybridCache_StillUsesRedisL2()
    {
        var (a, _) = NewInstance(plainHybridCacheFirst: true);
        await Read(a, CacheKey.For(Tenant, "combined"), "v", new Counter());

        await InRedisAsync("t/acme/combined");
    }

    private static async Task<string> Read(HybridCache cache, string key, string produced, Counter counter, string[]? tags = null) =>
        await cache.GetOrCreateAsync(key, _ => { counter.Calls++; return ValueTask.FromResult(produced); }, tags: tags);

    /// <summary>HybridCache may write L2 after GetOrCreateAsync has returned: wait until the entry is in Redis.</summary>
    private async Task InRedisAsync(string key)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await admin.GetDatabase().KeyExistsAsync(Prefix + key))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Prefix}{key} did not reach Redis within 10 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Until one value has gone through Redis: the first call also connects, which on a loaded machine can
    /// exceed a short timeout. The log is then cleared so the test counts only its own warnings.
    /// </summary>
    private async Task ConnectedAsync(HybridCache cache, ListLoggerProvider logs)
    {
        using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        for (var i = 0; ; i++)
        {
            var key = CacheKey.For(Tenant, $"connect/{Guid.NewGuid():N}");
            await Read(cache, key, "x", new Counter());
            if (await admin.GetDatabase().KeyExistsAsync(Prefix + key))
            {
                logs.Entries.Clear();
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The cache did not reach Redis within 15 s.");
            await Task.Delay(600);
        }
    }

    private (HybridCache Cache, ListLoggerProvider Logs) NewInstance(bool plainHybridCacheFirst = false, int operationTimeoutMs = 2000)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = _redis.ConnectionString,
            ["Redis:KeyPrefix"] = Prefix,
            ["Redis:ConnectTimeoutMs"] = "2000",
            ["Redis:OperationTimeoutMs"] = operationTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Redis:BreakMs"] = "500",
        }).Build();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        if (plainHybridCacheFirst)
        {
            services.AddHybridCache(); // what another part of the composition may already have done
        }

        var provider = services.AddEdTechCache(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<HybridCache>(), logs);
    }

    private sealed class Counter
    {
        public int Calls { get; set; }
    }
}
