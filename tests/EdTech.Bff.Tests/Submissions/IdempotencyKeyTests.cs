using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Submissions;

/// <summary>
/// The same Idempotency-Key with the same body is a retry (the original submission); with a different body it is a
/// client error (422 naming the header) and stores nothing. Both with maxAttempts (attempt ids) and without (key-derived ids).
/// </summary>
public sealed class IdempotencyKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly object OtherAnswers = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "3", "2" } },
            new { itemId = "q3", value = 3.141 }, new { itemId = "q4", value = " paris " },
        },
    };

    private static readonly object PerfectAnswersReordered = new
    {
        answers = new object[]
        {
            new { itemId = "q4", value = " paris " }, new { itemId = "q3", value = 3.141 },
            new { itemId = "q2", value = new[] { "3", "2" } }, new { itemId = "q1", value = "4" },
        },
    };

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public async Task SameKeySameBody_ConcurrentlyAndAfter_IsOneSubmission(int? maxAttempts)
    {
        var (school, quiz) = await QuizAsync(maxAttempts);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(school, quiz, "k-1", School.PerfectAnswers)));
        var after = await SubmitAsync(school, quiz, "k-1", School.PerfectAnswers);
        var reordered = await SubmitAsync(school, quiz, "k-1", PerfectAnswersReordered);

        var all = concurrent.Append(after).Append(reordered).ToList();
        Assert.All(all, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        var id = Assert.Single(all.Select(r => r.SubmissionId).Distinct());
        var stored = Assert.Single(await SubmissionsOfAsync(school, quiz));
        Assert.Equal(id, stored.Id);
        Assert.NotNull(stored.BodyHash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public async Task SameKeyDifferentAnswers_Is422NamingTheHeader_NothingNewStored(int? maxAttempts)
    {
        var (school, quiz) = await QuizAsync(maxAttempts);
        var first = await SubmitAsync(school, quiz, "k-1", School.PerfectAnswers);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);

        var second = await SubmitAsync(school, quiz, "k-1", OtherAnswers);

        Assert.Equal((HttpStatusCode)422, second.Status);
        Assert.Equal("application/problem+json", second.MediaType);
        var errors = second.Body.GetProperty("errors");
        Assert.Equal(["Idempotency-Key"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("different body", errors.GetProperty("Idempotency-Key")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        var stored = Assert.Single(await SubmissionsOfAsync(school, quiz));
        Assert.Equal(first.SubmissionId, stored.Id);
        Assert.Equal(AnswerValue.OfText("4"), stored.Answers.Single(a => a.ItemId == "q1").Value);
        // The original is still what the key answers, and another key still submits.
        Assert.Equal(first.SubmissionId, (await SubmitAsync(school, quiz, "k-1", School.PerfectAnswers)).SubmissionId);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(school, quiz, "k-2", OtherAnswers)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public async Task SameKeyTwoBodiesConcurrently_OneBodyWins_TheOtherIs422_OneStored(int? maxAttempts)
    {
        var (school, quiz) = await QuizAsync(maxAttempts);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SubmitAsync(school, quiz, "k-race", i % 2 == 0 ? School.PerfectAnswers : OtherAnswers)));

        // Index i carried body i % 2: every accepted request carried the winning body, every other one is 422.
        var accepted = results.Select((r, i) => (r, Body: i % 2)).Where(x => x.r.Status == HttpStatusCode.Accepted).ToList();
        var winner = Assert.Single(accepted.Select(x => x.Body).Distinct());
        Assert.Equal(4, accepted.Count);
        Assert.Single(accepted.Select(x => x.r.SubmissionId).Distinct());
        Assert.All(results.Where((_, i) => i % 2 != winner), r => Assert.Equal((HttpStatusCode)422, r.Status));
        Assert.Single(await SubmissionsOfAsync(school, quiz));
    }

    [Fact]
    public async Task SameKeyDifferentBody_SubmissionStoredWithoutHash_ReturnsTheOriginal()
    {
        var (school, quiz) = await QuizAsync(maxAttempts: null);
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var id = SubmissionIds.For("s1", quiz, "k-old");
        var legacy = new SubmissionRecord(id, quiz, 1, school.Course, "s1", [new SubmittedAnswer("q1", AnswerValue.OfText("4"))], DateTimeOffset.UtcNow, false,
            SubmissionStatus.Accepted, 5m, "k-old");
        await store.CreateAsync(new TenantId(school.Tenant), legacy);

        var retry = await SubmitAsync(school, quiz, "k-old", OtherAnswers);

        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(id, retry.SubmissionId);
        Assert.Null(Assert.Single(await SubmissionsOfAsync(school, quiz)).BodyHash);
    }

    private async Task<(School School, string Quiz)> QuizAsync(int? maxAttempts)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = maxAttempts is null ? "open" : "capped";
        var (status, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody(quiz, maxAttempts: maxAttempts));
        Assert.Equal(HttpStatusCode.Created, status);
        return (school, quiz);
    }

    private static async Task<Attempt> SubmitAsync(School school, string assessmentId, string key, object body)
    {
        var request = ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{assessmentId}/submissions", school.Student1, body);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await school.Client.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        var id = response.StatusCode == HttpStatusCode.Accepted ? json.GetProperty("submissionId").GetString() : null;
        return new Attempt(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, id);
    }

    private async Task<List<SubmissionRecord>> SubmissionsOfAsync(School school, string assessmentId)
    {
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var all = await store.QueryAsync<SubmissionRecord>(new TenantId(school.Tenant), DocumentQuery.Where("userId", "s1"));
        return all.Select(s => s.Value).Where(s => s.AssessmentId == assessmentId).ToList();
    }

    private sealed record Attempt(HttpStatusCode Status, string? MediaType, JsonElement Body, string? SubmissionId);
}
