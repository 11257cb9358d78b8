using EdTech.Infrastructure.Caching;
using EdTech.Infrastructure.Limits;
using EdTech.Infrastructure.Tests.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Infrastructure.Tests.Limits;

/// <summary>Two instances (two stores, two connections) sharing one real redis-server, composed as the app does.</summary>
public sealed class SharedRateLimitStoreTests : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly ListLoggerProvider _logs = new();
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
    public async Task TwoInstances_SharingRedis_AdmitTheTenantBurstOnce_NotTwice()
    {
        var a = NewInstance();
        var b = NewInstance();
        SharedBucket[] tenant = [new(SharedRateLimitStore.Key("acme", "tenant"), 0.001, 10)];

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).TryTakeAsync(tenant)));

        Assert.All(decisions, d => Assert.NotNull(d));
        Assert.Equal(10, decisions.Count(d => d!.Allowed));
        Assert.False((await a.TryTakeAsync(tenant))!.Allowed);
        Assert.False((await b.TryTakeAsync(tenant))!.Allowed);
    }

    [RedisFact]
    public async Task UserBucket_HoldsAcrossInstances_AndItsRejectionsTakeNothingFromTheTenant()
    {
        var a = NewInstance();
        var b = NewInstance();
        var tenant = new SharedBucket(SharedRateLimitStore.Key("acme", "tenant"), 0.001, 10);
        SharedBucket[] Student(string user) => [new(SharedRateLimitStore.Key("acme", "user", user), 0.001, 3), tenant];

        var flood = new List<SharedDecision?>();
        for (var i = 0; i < 20; i++)
        {
            flood.Add(await (i % 2 == 0 ? a : b).TryTakeAsync(Student("s1")));
        }

        Assert.Equal(3, flood.Count(d => d!.Allowed));
        var rejected = flood.Last()!;
        Assert.Equal(1, rejected.RejectedBy);
        Assert.True(rejected.RetryAfter > TimeSpan.FromSeconds(100), $"{rejected.RetryAfter}");
        // The tenant lost only the 3 admitted requests: 7 more users' first requests still pass.
        for (var u = 0; u < 7; u++)
        {
            Assert.True((await b.TryTakeAsync(Student("u" + u)))!.Allowed);
        }

        Assert.Equal(2, (await a.TryTakeAsync(Student("u7")))!.RejectedBy);
    }

    [RedisFact]
    public async Task Bucket_RefillsOnTheServerClock()
    {
        // The refill runs on the Redis server's clock (TIME), which a test cannot fake: the empty bucket announces its wait,
        // and the test polls until it admits again (a positive signal) instead of sleeping a fixed time and asserting.
        var a = NewInstance();
        SharedBucket[] bucket = [new(SharedRateLimitStore.Key("acme", "slow"), 0.5, 1)];

        Assert.True((await a.TryTakeAsync(bucket))!.Allowed);
        var rejected = (await a.TryTakeAsync(bucket))!;
        Assert.False(rejected.Allowed);
        Assert.Equal(1, rejected.RejectedBy);
        Assert.InRange(rejected.RetryAfter.TotalMilliseconds, 1, 2000);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await a.TryTakeAsync(bucket))!.Allowed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the bucket did not refill within 15 s");
            await Task.Delay(50);
        }
    }

    [RedisFact]
    public async Task TenantKeys_CarryTheTenantAsHashTag_AndTheDeploymentPrefix()
    {
        var a = NewInstance();
        await a.TryTakeAsync([new(SharedRateLimitStore.Key("acme", "user", "s1"), 1, 5)]);

        Assert.Equal("rl:{acme}:user:s1", SharedRateLimitStore.Key("acme", "user", "s1"));
        var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await using (connection)
        {
            Assert.True(await connection.GetDatabase().KeyExistsAsync("edtech-rl-test:rl:{acme}:user:s1"));
        }
    }

    [RedisFact]
    public async Task RedisDown_AnswersNull_LogsOnce_ThenRecovers()
    {
        // The breaker runs on a fake clock: while it stands still every call after the first is skipped; moving it past the
        // break lets the next call probe. Only the client's reconnect is real time, waited for by polling for an answer.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = NewInstance(breakMs: 200, time: time);
        SharedBucket[] bucket = [new(SharedRateLimitStore.Key("acme", "tenant"), 1, 100)];
        Assert.NotNull(await a.TryTakeAsync(bucket));

        await _redis.KillAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await a.TryTakeAsync(bucket));
        }

        Assert.False(a.IsAvailable);
        Assert.Single(_logs.Messages(LogLevel.Warning, nameof(SharedRateLimitStore)));
        Assert.Empty(_logs.Messages(LogLevel.Debug, nameof(SharedRateLimitStore))); // the clock stood still: nothing reached Redis
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(a.IsAvailable); // the break is over: the next call may probe

        await _redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var decision = await a.TryTakeAsync(bucket);
        while (decision is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the store did not use Redis again within 15 s of its restart");
            time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(100);
            decision = await a.TryTakeAsync(bucket);
        }

        Assert.True(decision.Allowed);
        Assert.True(a.IsAvailable);
        Assert.Single(_logs.Messages(LogLevel.Information, nameof(SharedRateLimitStore)));
        Assert.Single(_logs.Messages(LogLevel.Warning, nameof(SharedRateLimitStore)));
    }

    [Fact]
    public void WithoutRedis_NothingIsShared()
    {
        using var provider = new ServiceCollection().AddLogging().AddEdTechSharedRateLimits(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Null(provider.GetService<SharedRateLimitStore>());
    }

    [Fact]
    public async Task WithAzureManagedRedis_TheStoreSignsInWithTheEntraToken_ConnectingOnFirstUse()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:HostName"] = "amr-test.westeurope.redis.azure.net",
            ["Redis:ClientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddEdTechSharedRateLimits(configuration).BuildServiceProvider();

        Assert.NotNull(provider.GetService<SharedRateLimitStore>());
        Assert.NotNull(provider.GetService<RedisEntraToken>());
    }

    private SharedRateLimitStore NewInstance(int breakMs = 5000, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = _redis.ConnectionString,
            ["Redis:KeyPrefix"] = "edtech-rl-test:",
            ["Redis:ConnectTimeoutMs"] = "3000",
            ["Redis:OperationTimeoutMs"] = "3000",
            ["Redis:BreakMs"] = breakMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        if (time is not null)
        {
            services.AddSingleton(time); // before the composition, whose TryAdd keeps it: the breaker and the timeouts run on it
        }

        var provider = services.AddEdTechSharedRateLimits(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<SharedRateLimitStore>();
    }
}
