using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>
/// HybridCache instances (separate L1 each) sharing a real redis-server as L2, started by the test. The outage tests run the
/// breaker and the timeouts on a fake clock (<see cref="WatchedTime"/>): nothing here asserts how long a call took.
/// </summary>
public sealed class RedisHybridCacheTests : IAsyncLifetime
{
    private const string Prefix = "edtech-test:";
    private static readonly TimeSpan BreakDuration = TimeSpan.FromMilliseconds(500);

    /// <summary>Fails a call that hangs instead of returning (Redis's own timeouts are far longer in the tests that use it).</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
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
    public async Task RedisKilled_GetOrCreate_ServesFromL1AndTheSource_WarnsOnce_AndProbesOnlyAfterTheBreak()
    {
        var time = new WatchedTime();
        var (a, logs) = NewInstance(time: time);
        await ConnectedAsync(a, logs, time);
        var warm = CacheKey.For(Tenant, "warm");
        await Read(a, warm, "warm", new Counter());
        await InRedisAsync(warm);
        logs.Entries.Clear();

        await _redis.KillAsync();

        var warmFactory = new Counter();
        Assert.Equal("warm", await Read(a, warm, "other", warmFactory));
        Assert.Equal(0, warmFactory.Calls);
        for (var i = 0; i < 3; i++)
        {
            var factory = new Counter();
            Assert.Equal($"v{i}", await Read(a, CacheKey.For(Tenant, $"outage/{i}"), $"v{i}", factory));
            Assert.Equal(1, factory.Calls);
        }

        Assert.False(L2(a).IsAvailable);
        // The clock has not moved: the break is not over, so no call after the first one reached Redis.
        Assert.Empty(logs.Messages(LogLevel.Debug, nameof(ResilientDistributedCache)));

        time.Advance(BreakDuration); // the break is over: the next call probes Redis, which is still down
        var probe = new Counter();
        Assert.Equal("v3", await Read(a, CacheKey.For(Tenant, "outage/3"), "v3", probe));
        Assert.Equal(1, probe.Calls);
        await EventuallyAsync(() => logs.Messages(LogLevel.Debug, nameof(ResilientDistributedCache)).Count > 0, "no probe reached Redis after the break");

        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.EndsWith(nameof(ResilientDistributedCache), warning.Category, StringComparison.Ordinal);
        Assert.Contains("Redis", warning.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task RedisHung_ACallIsBoundedByTheOperationTimeout_AndTheBreakerSkipsRedisDuringTheBreak()
    {
        // Redis's own client timeouts are a minute of real time here: a call that returns when the (fake) clock passes the
        // operation timeout was cut off by the decorator's timeout, and calls that return while the clock stands still never
        // waited on Redis at all.
        var operationTimeout = TimeSpan.FromMinutes(1);
        var time = new WatchedTime();
        var (a, logs) = NewInstance(operationTimeoutMs: (int)operationTimeout.TotalMilliseconds, time: time);
        await ConnectedAsync(a, logs, time);
        var warm = CacheKey.For(Tenant, "warm");
        await Read(a, warm, "warm", new Counter());
        await InRedisAsync(warm);
        var waiting = time.TimersDue(operationTimeout);

        await _redis.PauseAsync();
        try
        {
            var first = Read(a, CacheKey.For(Tenant, "hung/0"), "v0", new Counter());
            await time.TimerCreatedAsync(operationTimeout, waiting); // the L2 read is waiting on hung Redis
            time.Advance(operationTimeout);
            Assert.Equal("v0", await first.WaitAsync(HangGuard));

            for (var i = 1; i < 10; i++)
            {
                Assert.Equal($"v{i}", await Read(a, CacheKey.For(Tenant, $"hung/{i}"), $"v{i}", new Counter()).WaitAsync(HangGuard));
            }

            Assert.False(L2(a).IsAvailable);
            Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        }
        finally
        {
            await _redis.ResumeAsync();
        }
    }

    [RedisFact]
    public async Task RedisRestarted_AfterOutage_IsUsedAsL2Again()
    {
        var time = new WatchedTime();
        var (a, logs) = NewInstance(time: time);
        var (b, bLogs) = NewInstance(time: time);
        await ConnectedAsync(a, logs, time);
        await ConnectedAsync(b, bLogs, time);
        await Read(a, CacheKey.For(Tenant, "before"), "x", new Counter());
        await _redis.KillAsync();
        await Read(a, CacheKey.For(Tenant, "during"), "x", new Counter());
        Assert.Single(logs.Messages(LogLevel.Warning, nameof(ResilientDistributedCache)));

        await _redis.RestartAsync();

        // Each round: the break is over (the clock moves past it), so the next call probes; the client reconnects in real time.
        using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string key;
        for (var i = 0; ; i++)
        {
            time.Advance(BreakDuration);
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
            time.Advance(BreakDuration);
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
    /// Until one value has gone through Redis: the first call also connects, which on a loaded machine can fail (the client's
    /// connect timeout is real time); the fake clock is then moved past the break so the next round tries Redis again. The log
    /// is then cleared so the test counts only its own warnings.
    /// </summary>
    private async Task ConnectedAsync(HybridCache cache, ListLoggerProvider logs, WatchedTime time)
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
            time.Advance(BreakDuration);
            await Task.Delay(100);
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    private ResilientDistributedCache L2(HybridCache cache) =>
        (ResilientDistributedCache)_providers.Single(p => ReferenceEquals(p.GetRequiredService<HybridCache>(), cache)).GetRequiredService<IDistributedCache>();

    private (HybridCache Cache, ListLoggerProvider Logs) NewInstance(bool plainHybridCacheFirst = false, int operationTimeoutMs = 2000, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = _redis.ConnectionString,
            ["Redis:KeyPrefix"] = Prefix,
            ["Redis:ConnectTimeoutMs"] = "2000",
            ["Redis:OperationTimeoutMs"] = operationTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Redis:BreakMs"] = ((int)BreakDuration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        if (time is not null)
        {
            services.AddSingleton(time); // before the composition, whose TryAdd keeps it: the breaker and the timeouts run on it
        }

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
