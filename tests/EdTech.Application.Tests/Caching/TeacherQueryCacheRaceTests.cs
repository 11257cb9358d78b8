using EdTech.Application.Caching;
using EdTech.Application.Tests.Projections;

namespace EdTech.Application.Tests.Caching;

public sealed class TeacherQueryCacheRaceTests : IAsyncLifetime
{
    private readonly ProjectionWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ALoadThatStartedBeforeAnInvalidation_IsNotServedAfterIt()
    {
        var tenant = ProjectionWorld.Tenant;
        string[] tags = [TeacherQueryCache.CourseTag(tenant, "math101")];
        var source = 1;
        var loading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var racing = _world.Cache.GetOrCreateAsync(tenant, "k", tags, async _ =>
        {
            var read = source;
            loading.TrySetResult();
            await release.Task;
            return read;
        }, default).AsTask();

        await loading.Task;
        source = 2;
        await _world.Cache.InvalidateCourseAsync(tenant, "math101");
        release.SetResult();
        Assert.Equal(2, await racing); // its load read before the change finished after it: loaded again

        Assert.Equal(2, await _world.Cache.GetOrCreateAsync(tenant, "k", tags, _ => ValueTask.FromResult(source), default));
    }

    [Fact]
    public async Task KeysAreTenantScoped_AndATenantInvalidationLeavesOtherTenantsCached()
    {
        var other = new Domain.Tenancy.TenantId("school-b");
        Assert.Equal("a", await _world.Cache.GetOrCreateAsync(ProjectionWorld.Tenant, "k", [], _ => ValueTask.FromResult("a"), default));
        Assert.Equal("b", await _world.Cache.GetOrCreateAsync(other, "k", [], _ => ValueTask.FromResult("b"), default));

        await _world.Cache.InvalidateTenantAsync(ProjectionWorld.Tenant);

        Assert.Equal("a2", await _world.Cache.GetOrCreateAsync(ProjectionWorld.Tenant, "k", [], _ => ValueTask.FromResult("a2"), default));
        Assert.Equal("b", await _world.Cache.GetOrCreateAsync(other, "k", [], _ => ValueTask.FromResult("b2"), default));
    }
}
