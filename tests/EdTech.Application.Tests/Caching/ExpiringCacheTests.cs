using EdTech.Application.Common;
using EdTech.Application.Tests.Submissions;

namespace EdTech.Application.Tests.Caching;

/// <summary>The per-process cache holds about the keys of the last TTL, not every key ever read.</summary>
public sealed class ExpiringCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetOrLoad_ManyDistinctKeysOverTime_KeepsOnlyAboutOneTtlOfThem()
    {
        var clock = new ManualClock(Start);
        var cache = new ExpiringCache<string>(clock, TimeSpan.FromSeconds(30));

        // 20 "minutes" of distinct users, 1024 an interval of 10 s: 120k keys read, 3 intervals live at a time.
        for (var interval = 0; interval < 120; interval++)
        {
            for (var i = 0; i < ExpiringCache<string>.SweepEvery; i++)
            {
                await cache.GetOrLoadAsync($"t:{interval}:{i}", _ => Task.FromResult<string?>("v"), CancellationToken.None);
            }

            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.InRange(cache.Count, 1, 5 * ExpiringCache<string>.SweepEvery);
    }

    [Fact]
    public async Task GetOrLoad_FreshEntry_IsServedWithoutLoading_ExpiredOneIsLoadedAgain()
    {
        var clock = new ManualClock(Start);
        var cache = new ExpiringCache<string>(clock, TimeSpan.FromSeconds(30));
        var loads = 0;
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>($"v{++loads}");

        var first = await cache.GetOrLoadAsync("k", Load, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        var fresh = await cache.GetOrLoadAsync("k", Load, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var reloaded = await cache.GetOrLoadAsync("k", Load, CancellationToken.None);

        Assert.Equal(("v1", "v1", "v2"), (first, fresh, reloaded));
    }

    [Fact]
    public void Put_ManyDistinctKeysOverTime_KeepsOnlyAboutOneTtlOfThem()
    {
        var clock = new ManualClock(Start);
        var cache = new ExpiringCache<string>(clock, TimeSpan.FromSeconds(30));

        for (var interval = 0; interval < 120; interval++)
        {
            for (var i = 0; i < ExpiringCache<string>.SweepEvery; i++)
            {
                cache.Put($"t:{interval}:{i}", "v");
            }

            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.InRange(cache.Count, 1, 5 * ExpiringCache<string>.SweepEvery);
    }

    [Fact]
    public void Put_MoreKeysThanTheLimitWithinOneTtl_HoldsAtMostTheLimit()
    {
        var cache = new ExpiringCache<string>(new ManualClock(Start), TimeSpan.FromMinutes(5), maxEntries: 1000);

        for (var i = 0; i < 1000 + 37; i++)
        {
            cache.Put($"t:{i}", "v");
        }

        Assert.InRange(cache.Count, 1, 1000);
    }

    [Fact]
    public void Put_ThenPeek_ServesTheValueUntilItExpires()
    {
        var clock = new ManualClock(Start);
        var cache = new ExpiringCache<string>(clock, TimeSpan.FromSeconds(30));

        cache.Put("t:k", "v");
        var fresh = cache.Peek("t:k");
        clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(("v", (string?)null), (fresh, cache.Peek("t:k")));
    }
}
