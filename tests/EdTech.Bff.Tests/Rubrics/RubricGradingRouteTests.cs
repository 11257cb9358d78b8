using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Rubrics;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Rubrics;

/// <summary>Scoring an essay with a rubric over HTTP: levels in, score computed, 422s naming the path, release gating of the student's feedback, audit.</summary>
public sealed class RubricGradingRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RubricItem_ScoredByLevels_ScoreComputed_StudentSeesLevelsAndCommentsOnlyOnceReleased()
    {
        var school = await RubricWorld.SchoolAsync(factory);
        var submissionId = await RubricWorld.AwaitingReviewAsync(school, school.Student1);
        var etag = await RubricWorld.ETagAsync(school, submissionId);

        var (status, graded, _) = await RubricWorld.GradeAsync(school, submissionId, RubricWorld.Levels("great", "strong", "Clear thesis"), etag);

        Assert.True(status == HttpStatusCode.OK, $"{status} {graded}");
        Assert.Equal(10m, graded.GetProperty("score").GetDecimal());
        var essay = Assert.Single(graded.GetProperty("itemScores").EnumerateArray(), s => s.GetProperty("itemId").GetString() == "e1");
        Assert.Equal(5m, essay.GetProperty("score").GetDecimal());
        Assert.Equal(1, essay.GetProperty("rubric").GetProperty("rubricVersion").GetInt32());
        Assert.Equal("graded", graded.GetProperty("status").GetString());

        // Graded but not released (manual release): nothing of the rubric scoring reaches the student.
        var before = await school.WaitForStatusAsync(school.Student1, submissionId, "graded");
        Assert.False(before.TryGetProperty("rubrics", out _), before.ToString());
        Assert.False(before.TryGetProperty("score", out _), before.ToString());
        Assert.DoesNotContain("Clear thesis", before.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.PostAsync("/api/teacher/assessments/essay1/release", school.Teacher, new { })).Status);
        var after = await school.WaitForStatusAsync(school.Student1, submissionId);
        var feedback = Assert.Single(after.GetProperty("rubrics").EnumerateArray());
        Assert.Equal(("e1", "essay-r", 1, 5m, 5m, 5m), (feedback.GetProperty("itemId").GetString(), feedback.GetProperty("rubricId").GetString(),
            feedback.GetProperty("rubricVersion").GetInt32(), feedback.GetProperty("score").GetDecimal(), feedback.GetProperty("rubricPoints").GetDecimal(),
            feedback.GetProperty("rubricMaxPoints").GetDecimal()));
        var content = feedback.GetProperty("criteria")[0];
        Assert.Equal(("content", "Content", "great", 3m, "Clear thesis", 3), (content.GetProperty("criterionId").GetString(), content.GetProperty("title").GetString(),
            content.GetProperty("chosenLevelId").GetString(), content.GetProperty("points").GetDecimal(), content.GetProperty("comment").GetString(),
            content.GetProperty("levels").GetArrayLength()));
        Assert.Equal("strong", feedback.GetProperty("criteria")[1].GetProperty("chosenLevelId").GetString());

        // Audited like every teacher grade: the item's score, and the levels chosen.
        var audit = await factory.Services.GetRequiredService<IDocumentStore>().QueryAsync<AuditEntry>(new TenantId(school.Tenant), DocumentQuery.InPartition("s1"));
        var levels = Assert.Single(audit, e => e.Value.Id == RubricGrading.AuditId(submissionId, "e1", etag)).Value;
        Assert.Equal(((string?)null, "essay-r@v1: content=great, style=strong", "t1"), (levels.Old, levels.New, levels.ActorUserId));
    }

    [Fact]
    public async Task RubricItem_ScoreSentOrCriteriaMissingOrUnknown_Is422NamingThePath_AndNothingChanges()
    {
        var school = await RubricWorld.SchoolAsync(factory);
        var submissionId = await RubricWorld.AwaitingReviewAsync(school, school.Student1);
        var etag = await RubricWorld.ETagAsync(school, submissionId);

        var cases = new (object Body, string Field, string? Mentions)[]
        {
            (new { itemScores = new[] { new { itemId = "e1", score = 4m } } }, "itemScores[0].score", null),
            (new { itemScores = new[] { new { itemId = "e1", criteria = new[] { new { criterionId = "content", levelId = "good" } } } } }, "itemScores[0].criteria", "style"),
            (RubricWorld.Levels("good", "dazzling"), "itemScores[0].criteria[1].levelId", null),
            (new { itemScores = new[] { new { itemId = "e1", criteria = new[] { new { criterionId = "content", levelId = "good" }, new { criterionId = "voice", levelId = "weak" } } } } },
                "itemScores[0].criteria[1].criterionId", null),
            (new { itemScores = new[] { new { itemId = "q1", score = 1m, criteria = new[] { new { criterionId = "content", levelId = "good" } } } }, reason = "x" }, "itemScores[0].criteria", null),
        };
        foreach (var (body, field, mentions) in cases)
        {
            var (status, problem, _) = await RubricWorld.GradeAsync(school, submissionId, body, etag);
            Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{field}: {status} {problem}");
            RubricWorld.AssertNames(problem, field);
            if (mentions is not null)
            {
                Assert.Contains(mentions, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(etag, await RubricWorld.ETagAsync(school, submissionId));
    }

    [Fact]
    public async Task RubricEditedAfterScoring_PastScoreAndItsVersionStay_NewScoresUseTheNewVersion()
    {
        var school = await RubricWorld.SchoolAsync(factory, releaseMode: "immediate");
        var first = await RubricWorld.AwaitingReviewAsync(school, school.Student1);
        Assert.Equal(HttpStatusCode.OK, (await RubricWorld.GradeAsync(school, first, RubricWorld.Levels("great", "weak"), await RubricWorld.ETagAsync(school, first))).Status);
        var rubricETag = (await school.Client.GetAsync("/api/teacher/courses/math101/rubrics/essay-r", school.Teacher)).Response.Headers.ETag!.ToString();

        // "great" is now worth 8: the rubric's maximum becomes 10, scaled to the item's 5 points.
        var (edit, edited, _) = await RubricWorld.SendAsync(school, HttpMethod.Put, "/api/teacher/courses/math101/rubrics/essay-r", school.Teacher, RubricWorld.RubricBody(great: 8), rubricETag);
        Assert.True(edit == HttpStatusCode.OK, $"{edit} {edited}");
        Assert.Equal((2, 10m), (edited.GetProperty("version").GetInt32(), edited.GetProperty("maxPoints").GetDecimal()));

        var (_, past, _) = await school.Client.GetAsync($"/api/teacher/submissions/{first}", school.Teacher);
        var pastEssay = Assert.Single(past.GetProperty("itemScores").EnumerateArray(), s => s.GetProperty("itemId").GetString() == "e1");
        Assert.Equal((3m, 1), (pastEssay.GetProperty("score").GetDecimal(), pastEssay.GetProperty("rubric").GetProperty("rubricVersion").GetInt32()));
        var released = await school.WaitForStatusAsync(school.Student1, first);
        var feedback = released.GetProperty("rubrics")[0];
        Assert.Equal((1, 5m, 3m), (feedback.GetProperty("rubricVersion").GetInt32(), feedback.GetProperty("rubricMaxPoints").GetDecimal(), feedback.GetProperty("score").GetDecimal()));

        var second = await RubricWorld.AwaitingReviewAsync(school, school.Student2);
        var (_, regraded, _) = await RubricWorld.GradeAsync(school, second, RubricWorld.Levels("great", "weak"), await RubricWorld.ETagAsync(school, second));
        var newEssay = Assert.Single(regraded.GetProperty("itemScores").EnumerateArray(), s => s.GetProperty("itemId").GetString() == "e1");
        Assert.Equal((4m, 2), (newEssay.GetProperty("score").GetDecimal(), newEssay.GetProperty("rubric").GetProperty("rubricVersion").GetInt32()));
    }

    [Fact]
    public async Task RubricStatistics_HiddenBelowTheMinimumCount_ShownFromIt_TeachersOfTheCourseOnly()
    {
        var school = await RubricWorld.SchoolAsync(factory, releaseMode: "immediate");
        foreach (var (student, level) in new[] { (school.Student1, "great"), (school.Student2, "good") })
        {
            var id = await RubricWorld.AwaitingReviewAsync(school, student);
            Assert.Equal(HttpStatusCode.OK, (await RubricWorld.GradeAsync(school, id, RubricWorld.Levels(level, "strong"), await RubricWorld.ETagAsync(school, id))).Status);
        }

        var (_, hidden, _) = await school.Client.GetAsync("/api/teacher/assessments/essay1/rubric-statistics", school.Teacher);
        var hiddenItem = Assert.Single(hidden.GetProperty("items").EnumerateArray());
        Assert.Equal((5, 2), (hidden.GetProperty("minCount").GetInt32(), hiddenItem.GetProperty("responses").GetInt32()));
        Assert.False(hiddenItem.TryGetProperty("meanScore", out _), hiddenItem.ToString());
        Assert.All(hiddenItem.GetProperty("criteria").EnumerateArray().SelectMany(c => c.GetProperty("levels").EnumerateArray()),
            l => Assert.False(l.TryGetProperty("count", out _), l.ToString()));

        Assert.Equal(HttpStatusCode.OK, (await RubricWorld.SendAsync(school, HttpMethod.Put, "/api/admin/settings/analytics", school.Admin, new { minCellCount = 2 }, null)).Status);
        var shown = await school.PollAsync("/api/teacher/assessments/essay1/rubric-statistics", school.Teacher, s => s.GetProperty("minCount").GetInt32() == 2);
        var item = shown.GetProperty("items")[0];
        Assert.Equal(4.5m, item.GetProperty("meanScore").GetDecimal());
        var content = item.GetProperty("criteria")[0];
        Assert.Equal(2.5m, content.GetProperty("meanPoints").GetDecimal());
        Assert.Equal([0, 1, 1], content.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("count").GetInt32()).ToArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/teacher/assessments/essay1/rubric-statistics", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t9", displayName = "t9", email = "t9@school.example", roles = new[] { "teacher" } })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/assessments/essay1/rubric-statistics", factory.Token(school.Tenant, "t9", "teacher"))).Status);
        var other = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/assessments/essay1/rubric-statistics", other.Teacher)).Status);
    }

}
