using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Submissions;

/// <summary>maxAttempts holds under concurrent submits: each attempt is one id, taken by one conditional create.</summary>
public sealed class ConcurrentAttemptsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TwentyConcurrentSubmitsWithDifferentKeys_MaxAttempts3_ExactlyThreeAccepted_RestConflict()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateQuizAsync(school, "capped", maxAttempts: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SubmitAsync(school, "capped", $"key-{i}")));

        var accepted = results.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
        var refused = results.Where(r => r.Status != HttpStatusCode.Accepted).ToList();
        Assert.Equal(3, accepted.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal("application/problem+json", r.MediaType);
            Assert.EndsWith("/conflict", r.Body.GetProperty("type").GetString());
        });
        var stored = await SubmissionsOfAsync(school, "capped");
        Assert.Equal(accepted.Select(r => r.SubmissionId).Order(StringComparer.Ordinal), stored.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(accepted.Select(r => r.Key).Order(StringComparer.Ordinal), stored.Select(s => s.IdempotencyKey!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SameKeyRepeatedConcurrently_WithMaxAttempts_IsOneSubmission_AndKeepsTheOtherAttempts()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateQuizAsync(school, "capped-retry", maxAttempts: 2);

        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitAsync(school, "capped-retry", "same-key")));
        var again = await SubmitAsync(school, "capped-retry", "same-key");
        var second = await SubmitAsync(school, "capped-retry", "other-key");
        var third = await SubmitAsync(school, "capped-retry", "third-key");

        Assert.All(retries, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Single(retries.Select(r => r.SubmissionId).Append(again.SubmissionId).Distinct());
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.NotEqual(again.SubmissionId, second.SubmissionId);
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Equal(2, (await SubmissionsOfAsync(school, "capped-retry")).Count);
    }

    private static async Task CreateQuizAsync(School school, string id, int maxAttempts)
    {
        var (status, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody(id, maxAttempts: maxAttempts));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private static async Task<Attempt> SubmitAsync(School school, string assessmentId, string key)
    {
        var request = ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{assessmentId}/submissions", school.Student1, School.PerfectAnswers);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await school.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        var id = response.StatusCode == HttpStatusCode.Accepted ? body.GetProperty("submissionId").GetString() : null;
        return new Attempt(key, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, id);
    }

    private async Task<List<SubmissionRecord>> SubmissionsOfAsync(School school, string assessmentId)
    {
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var all = await store.QueryAsync<SubmissionRecord>(new TenantId(school.Tenant), DocumentQuery.Where("userId", "s1"));
        return all.Select(s => s.Value).Where(s => s.AssessmentId == assessmentId).ToList();
    }

    private sealed record Attempt(string Key, HttpStatusCode Status, string? MediaType, JsonElement Body, string? SubmissionId);
}
