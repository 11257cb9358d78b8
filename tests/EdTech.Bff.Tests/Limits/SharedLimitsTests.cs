using System.Net;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Infrastructure.Tests.Caching;

namespace EdTech.Bff.Tests.Limits;

/// <summary>Two instances with one real redis-server: the tenant's bucket is admitted once across both, not once per instance.</summary>
public sealed class SharedTenantLimitTests(SharedTenantLimitHosts hosts) : IClassFixture<SharedTenantLimitHosts>
{
    [RedisFact]
    public async Task TwoInstances_SharingRedis_AdmitTheTenantBurstOnce()
    {
        var (a, b) = await hosts.CreateSchoolAsync();

        var (admitted, rejected) = await Flood.UntilRejectedAsync(a, a.Student1);

        // 60 - 16 set-up requests (8 on each instance); per instance it would be 60 - 8 on each.
        Assert.InRange(admitted, 44, 45);
        await TenantRateLimitTests.AssertTooManyRequestsAsync(rejected);
        await TenantRateLimitTests.AssertTooManyRequestsAsync(await b.Client.SendAsync(Flood.Read(b, b.Student1)));
        await TenantRateLimitTests.AssertTooManyRequestsAsync(await b.Client.SendAsync(Flood.TeacherRead(b)));
    }
}

/// <summary>Two instances with one real redis-server: a user's own bucket holds across both; the rest of the school is not affected.</summary>
public sealed class SharedUserLimitTests(SharedUserLimitHosts hosts) : IClassFixture<SharedUserLimitHosts>
{
    [RedisFact]
    public async Task UserBucket_HoldsAcrossInstances_WhileATeacherOfTheSameSchoolGetsThrough()
    {
        var (a, b) = await hosts.CreateSchoolAsync();

        var (admitted, rejected) = await Flood.UntilRejectedAsync(a, a.Student1);

        Assert.InRange(admitted, 30, 31);
        await TenantRateLimitTests.AssertTooManyRequestsAsync(rejected);
        await TenantRateLimitTests.AssertTooManyRequestsAsync(await b.Client.SendAsync(Flood.Read(b, b.Student1)));
        Assert.Equal(HttpStatusCode.OK, (await b.Client.SendAsync(Flood.TeacherRead(b))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.SendAsync(Flood.Read(a, a.Student2))).StatusCode);
    }
}

/// <summary>Redis configured but not answering: each instance applies its own limits (fail open), never a 5xx.</summary>
public sealed class RedisDownLimitTests(RedisDownHosts hosts) : IClassFixture<RedisDownHosts>
{
    [Fact]
    public async Task RedisDown_EachInstanceAppliesItsOwnLimits_NeverA5xx()
    {
        var (a, b) = await hosts.CreateSchoolAsync();

        var (admittedOnA, rejected) = await Flood.UntilRejectedAsync(a, a.Student1);
        var (admittedOnB, _) = await Flood.UntilRejectedAsync(b, b.Student1);

        // 40 per instance, less its own 8 set-up requests.
        Assert.Equal(32, admittedOnA);
        Assert.Equal(32, admittedOnB);
        await TenantRateLimitTests.AssertTooManyRequestsAsync(rejected);
    }
}

/// <summary>Per-user fairness inside one tenant, on one instance without Redis (the LocalHost default).</summary>
public sealed class UserFairnessTests(FairnessHost host) : IClassFixture<FairnessHost>
{
    [Fact]
    public async Task StudentFlood_IsCutByItsOwnBucket_WhileATeacherOfTheSameSchoolGetsThrough()
    {
        var school = await host.CreateSchoolAsync(host.CreateClient());

        var (admitted, rejected) = await Flood.UntilRejectedAsync(school, school.Student1, max: 60);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await school.Client.SendAsync(Flood.Read(school, school.Student1))).StatusCode);
        }

        Assert.Equal(25, admitted);
        await TenantRateLimitTests.AssertTooManyRequestsAsync(rejected);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(Flood.TeacherRead(school))).StatusCode);
    }
}

internal static class Flood
{
    public static HttpRequestMessage Read(School school, string token) =>
        ApiClient.Request(HttpMethod.Get, $"/api/student/assessments/{school.Quiz}", token);

    public static HttpRequestMessage TeacherRead(School school) =>
        ApiClient.Request(HttpMethod.Get, $"/api/teacher/courses/{school.Course}/assessments/{school.Quiz}", school.Teacher);

    /// <summary>Reads until the first non-200 (which must be a 429, never a 5xx); how many were admitted, and the rejection.</summary>
    public static async Task<(int Admitted, HttpResponseMessage Rejected)> UntilRejectedAsync(School school, string token, int max = 100)
    {
        for (var admitted = 0; admitted < max; admitted++)
        {
            var response = await school.Client.SendAsync(Read(school, token));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                return (admitted, response);
            }
        }

        throw new InvalidOperationException($"Never throttled after {max} requests.");
    }
}
