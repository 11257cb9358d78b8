using System.Net;
using EdTech.Bff.Http;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Limits;

public sealed class TenantRateLimitTests(TinyTenantLimitsHost host) : IClassFixture<TinyTenantLimitsHost>
{
    [Fact]
    public async Task TenantOverItsBucket_Gets429WithRetryAfter_WhileAnotherTenantStillGets200()
    {
        var client = host.CreateClient();
        var noisy = await host.CreateSchoolAsync(client);
        var quiet = await host.CreateSchoolAsync(client);

        var rejected = await ExhaustAsync(() => client.SendAsync(ApiClient.Request(HttpMethod.Get, $"/api/student/assessments/{noisy.Quiz}", noisy.Student1)));

        await AssertTooManyRequestsAsync(rejected);
        var (status, _, _) = await client.GetAsync($"/api/student/assessments/{quiet.Quiz}", quiet.Student1);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AnonymousCallers_OverTheirIpBucket_Get429()
    {
        var client = host.CreateClient();

        var rejected = await ExhaustAsync(() => client.SendAsync(ApiClient.Request(HttpMethod.Get, "/api/health", null)));

        await AssertTooManyRequestsAsync(rejected);
    }

    internal static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ProblemTypes.TooManyRequests, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    /// <summary>Sends until the first non-200 (at most 50 times) and returns it.</summary>
    private static async Task<HttpResponseMessage> ExhaustAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < 50; i++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }
        }

        throw new InvalidOperationException("Never throttled after 50 requests.");
    }
}
