using EdTech.Application.Caching;
using EdTech.Application.Tests.Submissions;

namespace EdTech.Application.Tests.Caching;

/// <summary>The in-process invalidation stamps hold the tags of the last <see cref="LocalCacheStamps.ForgetAfter"/>, not every tag ever invalidated.</summary>
public sealed class LocalCacheStampsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invalidate_ManyDistinctTagsOverTime_KeepsOnlyTheRecentOnes()
    {
        var clock = new ManualClock(Start);
        var stamps = new LocalCacheStamps(clock);
        var step = LocalCacheStamps.ForgetAfter / 4;

        // 40 periods of a quarter of ForgetAfter, 1024 new course tags each: 40,960 tags invalidated in all.
        for (var period = 0; period < 40; period++)
        {
            for (var i = 0; i < LocalCacheStamps.SweepEvery; i++)
            {
                await stamps.InvalidateAsync([$"t:course-{period}-{i}"], CancellationToken.None);
            }

            clock.Advance(step);
        }

        Assert.InRange(stamps.Count, 1, 6 * LocalCacheStamps.SweepEvery);
    }

    [Fact]
    public async Task Invalidate_TagStillYoungerThanForgetAfter_KeepsItsStampThroughSweeps()
    {
        var clock = new ManualClock(Start);
        var stamps = new LocalCacheStamps(clock);
        await stamps.InvalidateAsync(["t:course-1"], CancellationToken.None);
        var stamped = await stamps.ReadAsync(["t:course-1"], CancellationToken.None);

        clock.Advance(LocalCacheStamps.ForgetAfter - TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2 * LocalCacheStamps.SweepEvery; i++)
        {
            await stamps.InvalidateAsync([$"t:other-{i}"], CancellationToken.None);
        }

        Assert.Equal(stamped, await stamps.ReadAsync(["t:course-1"], CancellationToken.None));
    }

    [Fact]
    public void ForgetAfter_IsLongerThanAnyCachedEntryLives()
    {
        Assert.True(LocalCacheStamps.ForgetAfter > TeacherQueryCache.EntryLifetime);
    }
}
