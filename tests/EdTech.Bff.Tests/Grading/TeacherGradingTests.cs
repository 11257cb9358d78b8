using EdTech.Domain.Submissions;
using System.Net;
using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Grading;

/// <summary>Human review through the real pipeline: review queue, GET with ETag, grade with If-Match, release, audit.</summary>
public sealed class TeacherGradingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    internal static readonly object EssayAnswers = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "4" }, new { itemId = "q2", value = new[] { "3", "2" } },
            new { itemId = "q3", value = 3.141 }, new { itemId = "q4", value = " paris " },
            new { itemId = "e1", value = "Because." },
        },
    };

    [Fact]
    public async Task EssaySubmission_ReviewedAndGradedByTheTeacher_IsReleasedWithTheFinalScore_AndEveryChangeIsAudited()
    {
        var (school, submissionId) = await EssaySubmissionAsync();

        var queue = await school.PollAsync("/api/teacher/review-queue", school.Teacher, q => InQueue(q, submissionId));
        var item = Assert.Single(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("submissionId").GetString() == submissionId);
        Assert.Equal("essay1", item.GetProperty("assessmentId").GetString());
        Assert.Equal("s1", item.GetProperty("userId").GetString());
        Assert.True(item.TryGetProperty("submittedAt", out _));

        var (getStatus, view, getResponse) = await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        var etag = getResponse.Headers.ETag!.ToString();
        Assert.Equal("awaiting-review", view.GetProperty("status").GetString());
        Assert.False(view.GetProperty("late").GetBoolean());
        Assert.Equal(10m, view.GetProperty("maxScore").GetDecimal());
        Assert.Equal(5, view.GetProperty("answers").GetArrayLength());
        var essayScore = Assert.Single(view.GetProperty("itemScores").EnumerateArray(), s => s.GetProperty("itemId").GetString() == "e1");
        Assert.False(essayScore.TryGetProperty("score", out var unscored) && unscored.ValueKind != JsonValueKind.Null, essayScore.ToString());

        var grade = new { itemScores = new[] { new { itemId = "e1", score = 4m, comment = "Good argument." } } };
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await GradeAsync(school, submissionId, grade, ifMatch: null)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await GradeAsync(school, submissionId, grade, "\"stale\"")).Status);

        var (status, graded, response) = await GradeAsync(school, submissionId, grade, etag);
        Assert.True(status == HttpStatusCode.OK, $"{status} {graded}");
        var newETag = response.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newETag);
        Assert.Equal("released", graded.GetProperty("status").GetString());
        Assert.Equal(9m, graded.GetProperty("score").GetDecimal());
        Assert.Equal(newETag, (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher)).Response.Headers.ETag!.ToString());

        // The grade just written makes the old ETag stale.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await GradeAsync(school, submissionId, grade, etag)).Status);

        // The same scores again (a retried request) change nothing: no write, so the ETag stays.
        var (againStatus, again, againResponse) = await GradeAsync(school, submissionId, grade, newETag);
        Assert.True(againStatus == HttpStatusCode.OK, $"{againStatus} {again}");
        Assert.Equal(newETag, againResponse.Headers.ETag!.ToString());

        var released = await school.WaitForStatusAsync(school.Student1, submissionId);
        Assert.Equal(9m, released.GetProperty("score").GetDecimal());
        Assert.Equal(10m, released.GetProperty("maxScore").GetDecimal());

        await school.PollAsync("/api/teacher/review-queue", school.Teacher, q => !InQueue(q, submissionId));

        var audit = await AuditAsync(school, "s1");
        var itemEntry = Assert.Single(audit, e => e.Id == GradeAudit.TeacherItemId(submissionId, "e1", etag));
        Assert.Equal("t1", itemEntry.ActorUserId);
        Assert.Equal(AuditActions.GradeChanged, itemEntry.Action);
        Assert.Null(itemEntry.Old);
        Assert.Equal("4", itemEntry.New);
        var scoreEntry = Assert.Single(audit, e => e.Id == GradeAudit.TeacherScoreId(submissionId, etag));
        Assert.Null(scoreEntry.Old);
        Assert.Equal("9", scoreEntry.New);
        Assert.Single(audit, e => e.Action == AuditActions.GradeReleased && e.Resource == submissionId);
    }

    [Fact]
    public async Task OverridingAnAutoScoredItem_RequiresAReason_AndIsAuditedWithIt()
    {
        var (school, submissionId) = await EssaySubmissionAsync();
        var etag = await ETagAsync(school, submissionId);
        Assert.Equal(HttpStatusCode.OK, (await GradeAsync(school, submissionId, new { itemScores = new[] { new { itemId = "e1", score = 5m } } }, etag)).Status);
        etag = await ETagAsync(school, submissionId);

        var (noReason, problem, _) = await GradeAsync(school, submissionId, new { itemScores = new[] { new { itemId = "q2", score = 1m } } }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());

        var (outOfRange, rangeProblem, _) = await GradeAsync(school, submissionId, new { itemScores = new[] { new { itemId = "e1", score = 4m }, new { itemId = "q2", score = 3m } }, reason = "x" }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange);
        Assert.True(rangeProblem.GetProperty("errors").TryGetProperty("itemScores[1].score", out _), rangeProblem.ToString());

        var (unknown, unknownProblem, _) = await GradeAsync(school, submissionId, new { itemScores = new[] { new { itemId = "nope", score = 1m } } }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.True(unknownProblem.GetProperty("errors").TryGetProperty("itemScores[0].itemId", out _), unknownProblem.ToString());

        var (ok, overridden, _) = await GradeAsync(school, submissionId, new { itemScores = new[] { new { itemId = "q2", score = 1m } }, reason = "Partial credit: one prime missed the mark" }, etag);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("released", overridden.GetProperty("status").GetString());
        Assert.Equal(9m, overridden.GetProperty("score").GetDecimal());

        var entry = Assert.Single(await AuditAsync(school, "s1"), e => e.Id == GradeAudit.TeacherItemId(submissionId, "q2", etag));
        Assert.Equal(("2", "1", "Partial credit: one prime missed the mark"), (entry.Old, entry.New, entry.Reason));
    }

    [Fact]
    public async Task ATeacherNotTeachingTheCourse_SeesNoSubmission_AndNoQueueEntry()
    {
        var (school, submissionId) = await EssaySubmissionAsync();
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t9", displayName = "t9", email = "t9@school.example", roles = new[] { "teacher" } })).Status);
        var outsider = factory.Token(school.Tenant, "t9", "teacher");
        var etag = await ETagAsync(school, submissionId);

        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", outsider)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendGradeAsync(school, outsider, submissionId, new { itemScores = new[] { new { itemId = "e1", score = 1m } } }, etag)).Status);
        await school.PollAsync("/api/teacher/review-queue", school.Teacher, q => InQueue(q, submissionId));
        var (_, queue, _) = await school.Client.GetAsync("/api/teacher/review-queue", outsider);
        Assert.Equal(0, queue.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/submissions/no-such-submission", school.Teacher)).Status);
    }

    [Fact]
    public async Task ASubmissionStillBeingAutoGraded_CannotBeGraded_409()
    {
        var (school, submissionId) = await EssaySubmissionAsync();
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var tenant = new TenantId(school.Tenant);
        var stored = (await store.GetAsync<SubmissionRecord>(tenant, submissionId))!;
        // "grading" starts no workflow (only "accepted" does), so the submission stays mid-grading for the test.
        var (written, _) = await store.ReplaceAsync(tenant, stored.Value with { Status = SubmissionStatus.Grading }, stored.ETag);
        Assert.Equal(WriteStatus.Replaced, written);

        var (status, problem, _) = await GradeAsync(school, submissionId, new { itemScores = new[] { new { itemId = "e1", score = 1m } } }, await ETagAsync(school, submissionId));
        Assert.True(status == HttpStatusCode.Conflict, $"{status} {problem}");
    }

    private async Task<(School School, string SubmissionId)> EssaySubmissionAsync()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("essay1", withEssay: true))).Status);
        var submissionId = await school.SubmitAsync(school.Student1, EssayAnswers, "essay1");
        await school.WaitForStatusAsync(school.Student1, submissionId, "awaiting-review");
        return (school, submissionId);
    }

    private static bool InQueue(JsonElement queue, string submissionId) =>
        queue.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("submissionId").GetString() == submissionId);

    private static async Task<string> ETagAsync(School school, string submissionId) =>
        (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher)).Response.Headers.ETag!.ToString();

    private static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GradeAsync(School school, string submissionId, object body, string? ifMatch) =>
        SendGradeAsync(school, school.Teacher, submissionId, body, ifMatch);

    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendGradeAsync(School school, string token, string submissionId, object body, string? ifMatch)
    {
        using var request = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", token, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await school.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(School school, string userId) =>
        await factory.Services.GetRequiredService<IAuditLog>().AboutAsync(new TenantId(school.Tenant), userId, CancellationToken.None);
}
