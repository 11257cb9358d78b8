using EdTech.Application.Learning;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Caching;

/// <summary>The recommendation cache holds about the students of the last cache time, per tenant.</summary>
public sealed class RecommendationCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Tenant = new("school-a");

    [Fact]
    public void Put_ManyStudentsOverTime_KeepsOnlyAboutOneCacheTimeOfThem()
    {
        var clock = new ManualClock(Start);
        var cache = new RecommendationCache(clock, new LearningOptions { CacheTime = TimeSpan.FromMinutes(1) });

        // An hour of exam bursts: 2,048 students a minute, each put once.
        for (var minute = 0; minute < 60; minute++)
        {
            for (var i = 0; i < 2048; i++)
            {
                cache.Put(Tenant, new RecommendationRecord($"s{minute}-{i}", [], [], clock.GetUtcNow()));
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.InRange(cache.Count, 1, 3 * 2048);
    }

    [Fact]
    public void Get_SameStudentOfAnotherTenant_IsNotServed()
    {
        var cache = new RecommendationCache(new ManualClock(Start), new LearningOptions());

        cache.Put(Tenant, new RecommendationRecord("s1", [], [], Start));

        Assert.Equal((true, false), (cache.Get(Tenant, "s1") is not null, cache.Get(new TenantId("school-b"), "s1") is not null));
    }
}
