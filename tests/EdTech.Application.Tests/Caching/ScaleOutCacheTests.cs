using EdTech.Application.Access;
using EdTech.Application.Caching;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Tests.Projections;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdTech.Application.Tests.Caching;

/// <summary>
/// Two instances, each with its own memory, sharing what Azure shares: the store, and a distributed cache (Redis
/// in Azure; here one in-memory IDistributedCache both instances use).
/// </summary>
public sealed class ScaleOutCacheTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = ProjectionWorld.Tenant;
    private readonly ProjectionWorld _world = new();
    private readonly IDistributedCache _redis = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly List<ServiceProvider> _instances = [];

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _world.DisposeAsync();
    }

    [Fact]
    public async Task TeacherQueryCache_AnInvalidationOnOneInstance_MakesEveryInstanceLoadAgain()
    {
        var a = Instance(new SharedCacheStamps(_redis));
        var b = Instance(new SharedCacheStamps(_redis));
        string[] tags = [TeacherQueryCache.CourseTag(Tenant, "math101")];
        var source = "before";
        Assert.Equal("before", await a.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult(source), default));
        Assert.Equal("before", await b.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult(source), default));

        source = "after";
        await a.InvalidateCourseAsync(Tenant, "math101");

        Assert.Equal("after", await b.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult(source), default));
        Assert.Equal("after", await a.GetOrCreateAsync(Tenant, "gradebook", tags, _ => ValueTask.FromResult(source), default));
    }

    [Fact]
    public async Task TenantDirectory_ASuspensionOnOneInstance_IsInForceOnAnotherWithinTheAccessCacheTime()
    {
        var clock = new StepClock();
        var settings = new AccessCacheSettings(TimeSpan.FromSeconds(5));
        var tenant = new TenantRecord("school-z", "School Z", "Europe/London", TenantStatus.Active, DateTimeOffset.UnixEpoch);
        await _world.Store.CreateAsync(TenantId.Platform, tenant);
        var a = new TenantDirectory(_world.Store, clock, settings);
        var b = new TenantDirectory(_world.Store, clock, settings);
        Assert.Equal(TenantState.Active, await b.GetStateAsync(new TenantId("school-z"), default));

        await _world.Store.ReplaceAsync(TenantId.Platform, tenant with { Status = TenantStatus.Suspended }, ifMatch: null);
        a.Invalidate("school-z");
        Assert.Equal(TenantState.Suspended, await a.GetStateAsync(new TenantId("school-z"), default));
        clock.Advance(TimeSpan.FromSeconds(5.1));

        Assert.Equal(TenantState.Suspended, await b.GetStateAsync(new TenantId("school-z"), default));
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("2", 2)]
    [InlineData("0", 5)]
    [InlineData("600", 5)]
    public void AccessCacheSettings_FromTheSetting_IsBounded(string? setting, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AccessCacheSettings.From(setting).Ttl);

    private TeacherQueryCache Instance(ICacheStamps stamps)
    {
        var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _instances.Add(services);
        return new TeacherQueryCache(services.GetRequiredService<HybridCache>(), stamps);
    }

    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch.AddDays(20_000);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
