using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Query;

/// <summary>
/// The cached teacher reads (gradebook, statistics, review queue) answer fresh after the projections
/// change: each test reads first (filling the cache), changes the data, then expects the new state well
/// within the cache's 30-second local expiry, which only tag invalidation can deliver.
/// </summary>
public sealed class TeacherQueryFreshnessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    private static readonly object OneWrong = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "3", "2" } },
            new { itemId = "q3", value = 3.141 }, new { itemId = "q4", value = "Paris" },
        },
    };

    [Fact]
    public async Task Gradebook_AfterGrading_ShowsTheWeightedPercent_DroppingTheLowestHomework()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var scheme = new { categories = new object[] { new { id = "hw", name = "Homework", weight = 1, dropLowest = 1 }, new { id = "ex", name = "Exams", weight = 3 } } };
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(HttpMethod.Put, GradebookPath(school).Replace("gradebook", "grading-scheme", StringComparison.Ordinal), school.Teacher, scheme)).Status);
        foreach (var (id, category) in new[] { ("hw1", "hw"), ("hw2", "hw"), ("ex1", "ex") })
        {
            Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody(id, category: category))).Status);
        }

        var (status, before, _) = await school.Client.GetAsync(GradebookPath(school), school.Teacher);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(GradingSchemeTests.Row(before, "s1").TryGetProperty("weightedPercent", out _)); // null: omitted

        await school.SubmitAsync(school.Student1, School.PerfectAnswers, "hw1"); // 100 %
        await school.SubmitAsync(school.Student1, OneWrong, "hw2");              // 80 %, dropped
        await school.SubmitAsync(school.Student1, OneWrong, "ex1");              // 80 %

        var after = await school.PollAsync(GradebookPath(school), school.Teacher,
            g => GradingSchemeTests.Row(g, "s1").TryGetProperty("weightedPercent", out var p) && p.GetDecimal() == 85m, Fresh);
        var s1 = GradingSchemeTests.Row(after, "s1");
        var homework = s1.GetProperty("categories")[0];
        Assert.Equal(("hw", 100m), (homework.GetProperty("id").GetString(), homework.GetProperty("percent").GetDecimal()));
        Assert.Equal(["hw2"], homework.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(80m, s1.GetProperty("categories")[1].GetProperty("percent").GetDecimal());
        Assert.Equal(4, s1.GetProperty("assessments").GetArrayLength()); // quiz1 (no category) still has its cell
        var s2 = GradingSchemeTests.Row(after, "s2");
        Assert.False(s2.TryGetProperty("weightedPercent", out _));
        Assert.Equal(2, s2.GetProperty("categories").GetArrayLength());
        Assert.All(s2.GetProperty("categories").EnumerateArray(), c => Assert.False(c.TryGetProperty("percent", out _)));
    }

    [Fact]
    public async Task Statistics_AfterSubmissionsAndARegrade_AreFresh_AndTheRegradeReplacesTheScore()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var path = $"/api/teacher/assessments/{school.Quiz}/statistics";
        var (status, empty, _) = await school.Client.GetAsync(path, school.Teacher);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, empty.GetProperty("submitted").GetInt32());

        await school.SubmitAsync(school.Student1);
        var partial = await school.SubmitAsync(school.Student2, OneWrong);
        var stats = await school.PollAsync(path, school.Teacher, s => s.GetProperty("released").GetInt32() == 2, Fresh);
        Assert.Equal((2, 2), (stats.GetProperty("submitted").GetInt32(), stats.GetProperty("graded").GetInt32()));
        Assert.Equal((4.5m, 4m, 5m), (stats.GetProperty("meanScore").GetDecimal(), stats.GetProperty("minScore").GetDecimal(), stats.GetProperty("maxScoreAchieved").GetDecimal()));
        var q1 = stats.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemId").GetString() == "q1");
        Assert.Equal((0.5m, 2), (q1.GetProperty("mean").GetDecimal(), q1.GetProperty("scored").GetInt32()));
        // Item analysis over the two students' latest attempts: the rest of both attempts is 4 points, so no index.
        Assert.Equal((2, 0.5), (q1.GetProperty("responses").GetInt32(), q1.GetProperty("facility").GetDouble()));
        Assert.False(q1.TryGetProperty("discriminationIndex", out _));

        var (_, _, read) = await school.Client.GetAsync($"/api/teacher/submissions/{partial}", school.Teacher);
        using var grade = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{partial}/grades", school.Teacher,
            new { itemScores = new[] { new { itemId = "q1", score = 1m } }, reason = "Accepted the alternative reading" });
        grade.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(grade)).StatusCode);

        var regraded = await school.PollAsync(path, school.Teacher, s => s.GetProperty("meanScore").GetDecimal() == 5m, Fresh);
        Assert.Equal((2, 5m), (regraded.GetProperty("submitted").GetInt32(), regraded.GetProperty("minScore").GetDecimal()));
        var q1Regraded = regraded.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemId").GetString() == "q1");
        Assert.Equal((1.0, 0.0), (q1Regraded.GetProperty("facility").GetDouble(), q1Regraded.GetProperty("sd").GetDouble()));
    }

    [Fact]
    public async Task ReviewQueue_IsFresh_WhenASubmissionEntersAndLeaves()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("essay1", withEssay: true))).Status);
        var (status, empty, _) = await school.Client.GetAsync("/api/teacher/review-queue", school.Teacher);
        Assert.Equal((HttpStatusCode.OK, 0), (status, empty.GetProperty("items").GetArrayLength()));

        var submissionId = await school.SubmitAsync(school.Student1, new
        {
            answers = new object[] { new { itemId = "q1", value = "4" }, new { itemId = "e1", value = "Because." } },
        }, "essay1");
        var queue = await school.PollAsync("/api/teacher/review-queue", school.Teacher, q => q.GetProperty("items").GetArrayLength() == 1, Fresh);
        Assert.Equal(submissionId, queue.GetProperty("items")[0].GetProperty("submissionId").GetString());

        var (_, _, read) = await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher);
        using var grade = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", school.Teacher, new { itemScores = new[] { new { itemId = "e1", score = 3m } } });
        grade.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(grade)).StatusCode);

        await school.PollAsync("/api/teacher/review-queue", school.Teacher, q => q.GetProperty("items").GetArrayLength() == 0, Fresh);
    }

    private static string GradebookPath(School school) => $"/api/teacher/courses/{school.Course}/gradebook";
}
