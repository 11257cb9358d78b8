using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Limits;

/// <summary>The registry's quotas.maxSubmissionsPerMinute is one bucket per tenant on submit, shared by its students.</summary>
public sealed class SubmissionQuotaTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TenantOverItsSubmissionQuota_Gets429_WhileAnotherTenantSubmits()
    {
        var client = factory.CreateClient();
        var capped = await School.CreateAsync(factory, client);
        var other = await School.CreateAsync(factory, client);
        var platform = factory.Token("platform", "root", "platform-admin");
        var (patched, _, _) = await client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{capped.Tenant}", platform, new { quotas = new { maxSubmissionsPerMinute = 2 } });
        Assert.Equal(HttpStatusCode.OK, patched);

        await capped.SubmitAsync(capped.Student1);
        await capped.SubmitAsync(capped.Student2);
        var third = await client.SendAsync(ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{capped.Quiz}/submissions", capped.Student1, School.PerfectAnswers));

        await TenantRateLimitTests.AssertTooManyRequestsAsync(third);
        await other.SubmitAsync(other.Student1);
        await other.SubmitAsync(other.Student2);
        var (read, _, _) = await client.GetAsync($"/api/student/assessments/{capped.Quiz}", capped.Student1);
        Assert.Equal(HttpStatusCode.OK, read);
    }
}
