using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Tests.Caching;

public sealed class EdTechCacheOptionsTests
{
    [Fact]
    public void From_Nothing_UsesDocumentedDefaults()
    {
        var options = EdTechCacheOptions.From(Configuration([]));

        Assert.Null(options.RedisConnectionString);
        Assert.Equal("edtech:", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Expiration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LocalExpiration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.OperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BreakDuration);
    }

    [Fact]
    public void From_InvalidTimeout_NamesTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EdTechCacheOptions.From(Configuration(new() { ["Redis:OperationTimeoutMs"] = "soon" })));

        Assert.Contains("Redis:OperationTimeoutMs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Endpoint_FailsFastNamingTheSettingsToUse()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EdTechCacheOptions.From(Configuration(new() { ["Redis:Endpoint"] = "x.redis.cache.windows.net:6380" })));

        Assert.Contains("Redis:HostName", error.Message, StringComparison.Ordinal);
        Assert.Contains("Redis:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEdTechCache_WithoutRedis_HasNoRedisL2_AndCachesInMemory()
    {
        await using var provider = new ServiceCollection().AddLogging().AddEdTechCache(Configuration([])).BuildServiceProvider();
        var cache = provider.GetRequiredService<HybridCache>();
        var calls = 0;

        for (var i = 0; i < 2; i++)
        {
            await cache.GetOrCreateAsync("t/acme/x", _ => ValueTask.FromResult(++calls));
        }

        Assert.Equal(1, calls);
        Assert.IsNotType<ResilientDistributedCache>(provider.GetService<IDistributedCache>());
    }

    [Fact]
    public void CacheKey_StartsWithTenant()
    {
        Assert.Equal("t/acme/course/c1", CacheKey.For(new Domain.Tenancy.TenantId("acme"), "course/c1"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
