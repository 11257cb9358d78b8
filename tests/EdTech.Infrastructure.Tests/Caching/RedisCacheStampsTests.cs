using EdTech.Application.Caching;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>TeacherQueryCache on two instances (separate memory each) composed as the app does with Redis: a real redis-server.</summary>
public sealed class RedisCacheStampsTests : IAsyncLifetime
{
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
    public async Task WithRedis_AnInvalidationOnOneInstance_MakesTheOtherLoadAgain()
    {
        var a = NewInstance();
        var b = NewInstance();
        string[] tags = [TeacherQueryCache.CourseTag(Tenant, "c1")];
        var source = "before";
        Assert.Equal("before", await a.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult(source), default));
        // b now holds the entry in its own memory: a's value via Redis, or its own load if a's background L2 write had not
        // landed yet (seen under CI load). Either way only a shared invalidation makes b load again below.
        Assert.Contains(await b.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult("b-loaded"), default), new[] { "before", "b-loaded" });

        source = "after";
        await a.InvalidateCourseAsync(Tenant, "c1");

        Assert.Equal("after", await b.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult(source), default));
    }

    [RedisFact]
    public void WithRedis_TheStampsAreTheSharedOnes()
    {
        var provider = Compose();

        Assert.IsType<SharedCacheStamps>(provider.GetRequiredService<ICacheStamps>());
    }

    private TeacherQueryCache NewInstance() => Compose().GetRequiredService<TeacherQueryCache>();

    private ServiceProvider Compose()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = _redis.ConnectionString,
            ["Redis:KeyPrefix"] = "edtech-stamps-test:",
            ["Redis:ConnectTimeoutMs"] = "15000",
            ["Redis:OperationTimeoutMs"] = "15000",
        }).Build();
        // The order of the real composition: the application's in-process default first, then the cache setup.
        var provider = new ServiceCollection().AddLogging()
            .AddSingleton<ICacheStamps, LocalCacheStamps>()
            .AddEdTechCache(configuration)
            .AddSingleton<TeacherQueryCache>()
            .BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
