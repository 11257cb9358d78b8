using EdTech.Application.Caching;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Caching;

/// <summary>
/// Invalidations leave no per-tag state behind in HybridCache, which keeps every tag passed to RemoveByTagAsync for the
/// life of the process (teacher tags are per user: one per enrollment). Stale entries are left behind by the stamps instead.
/// </summary>
public sealed class TeacherQueryCacheTagsTests
{
    private static readonly TenantId Tenant = new("school-a");

    [Fact]
    public async Task InvalidateTeacher_ManyUsers_RemovesNoTagFromHybridCacheAndStillServesFreshValues()
    {
        await using var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var hybrid = new TagCountingCache(services.GetRequiredService<HybridCache>());
        var cache = new TeacherQueryCache(hybrid, new LocalCacheStamps(TimeProvider.System));
        string[] tags = [TeacherQueryCache.TeacherTag(Tenant, "t1")];
        var before = await cache.GetOrCreateAsync(Tenant, "review-queue:t1", tags, _ => ValueTask.FromResult("old"), default);

        for (var i = 0; i < 500; i++)
        {
            await cache.InvalidateTeacherAsync(Tenant, $"student-{i}");
        }

        await cache.InvalidateTeacherAsync(Tenant, "t1");
        var after = await cache.GetOrCreateAsync(Tenant, "review-queue:t1", tags, _ => ValueTask.FromResult("new"), default);

        Assert.Equal(("old", "new", 0), (before, after, hybrid.TagsRemoved));
    }

    private sealed class TagCountingCache(HybridCache inner) : HybridCache
    {
        public int TagsRemoved { get; private set; }

        public override ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
            HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
            inner.GetOrCreateAsync(key, state, factory, options, tags, cancellationToken);

        public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
            inner.SetAsync(key, value, options, tags, cancellationToken);

        public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);

        public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
        {
            TagsRemoved++;
            return inner.RemoveByTagAsync(tag, cancellationToken);
        }
    }
}
