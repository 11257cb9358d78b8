using System.Net;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Limits;

public sealed class SubmitRateLimitTests(TinySubmitLimitHost host) : IClassFixture<TinySubmitLimitHost>
{
    [Fact]
    public async Task StudentOverSubmitLimit_Gets429_WhileClassmateStillSubmits()
    {
        var school = await host.CreateSchoolAsync(host.CreateClient());
        await school.SubmitAsync(school.Student1);
        await school.SubmitAsync(school.Student1);

        var third = await school.Client.SendAsync(ApiClient.Request(HttpMethod.Post, Path(school), school.Student1, School.PerfectAnswers));

        await TenantRateLimitTests.AssertTooManyRequestsAsync(third);
        await school.SubmitAsync(school.Student2);
    }

    [Fact]
    public async Task RejectedSubmission_IsNotStored()
    {
        var school = await host.CreateSchoolAsync(host.CreateClient());
        await school.SubmitAsync(school.Student1);
        await school.SubmitAsync(school.Student1);
        var before = await CountSubmissionsAsync(school, "s1");

        var rejected = await school.Client.SendAsync(ApiClient.Request(HttpMethod.Post, Path(school), school.Student1, School.PerfectAnswers));

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(2, before);
        Assert.Equal(before, await CountSubmissionsAsync(school, "s1"));
    }

    private static string Path(School school) => $"/api/student/assessments/{school.Quiz}/submissions";

    private async Task<int> CountSubmissionsAsync(School school, string userId)
    {
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        var found = await store.QueryAsync(new TenantId(school.Tenant), Containers.Submissions, DocumentQuery.Where("userId", userId));
        return found.Count;
    }
}
