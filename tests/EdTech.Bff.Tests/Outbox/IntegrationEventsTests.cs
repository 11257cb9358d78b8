using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Outbox;

/// <summary>
/// The domain's integration events through the real LocalHost pipeline: written by the create, teacher-grade and release paths,
/// relayed by the change feed to the file adapter (the same port the Service Bus adapter implements), once each.
/// </summary>
public sealed class IntegrationEventsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TeacherGradesAnEssay_AssessmentPublishedGradeChangedAndResultsReleased_AreEachPublishedOnce()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("essay1", withEssay: true))).Status);
        var submissionId = await school.SubmitAsync(school.Student1, new { answers = new object[] { new { itemId = "q1", value = "4" }, new { itemId = "e1", value = "Because." } } }, "essay1");
        await school.WaitForStatusAsync(school.Student1, submissionId, "awaiting-review");
        var etag = (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher)).Response.Headers.ETag!.ToString();
        using var request = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", school.Teacher,
            new { itemScores = new[] { new { itemId = "e1", score = 4m } } });
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(request)).StatusCode);

        var prefix = $"{school.Tenant}/integration-events/";
        var expected = new[]
        {
            $"{prefix}assessment-published:quiz1:created",
            $"{prefix}assessment-published:essay1:created",
            $"{prefix}grade-changed:{submissionId}:score:{etag.Trim('"')}",
            $"{prefix}results-released:{submissionId}",
        };
        var lines = await WaitForLinesAsync(school.Tenant, expected);
        // Re-deliveries and the sent marks' own changes publish nothing twice: checked once the feed has handled them all.
        await Settled.FeedAsync(factory);
        lines = await WaitForLinesAsync(school.Tenant, expected);
        Assert.Equal(lines.Count, lines.Select(l => l.GetProperty("messageId").GetString()).Distinct().Count());

        var graded = Assert.Single(lines, l => l.GetProperty("subject").GetString() == "grade-changed");
        Assert.Equal(school.Tenant, graded.GetProperty("sessionId").GetString());
        var data = graded.GetProperty("body").GetProperty("data");
        Assert.Equal(("5", "score", "s1"), (data.GetProperty("score").GetString(), data.GetProperty("cause").GetString(), data.GetProperty("userId").GetString()));
        var released = Assert.Single(lines, l => l.GetProperty("subject").GetString() == "results-released");
        Assert.False(released.TryGetProperty("sessionId", out var session) && session.ValueKind != JsonValueKind.Null, released.ToString());
        Assert.Equal("released", released.GetProperty("body").GetProperty("data").GetProperty("status").GetString());
        Assert.All(lines.Where(l => l.GetProperty("subject").GetString() == "assessment-published"), l => Assert.Equal(school.Tenant, l.GetProperty("sessionId").GetString()));
    }

    private async Task<IReadOnlyList<JsonElement>> WaitForLinesAsync(string tenant, IReadOnlyList<string> expected)
    {
        var path = Path.Combine(factory.DataDirectory, "integration-events.log");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> mine = [];
        while (DateTime.UtcNow < deadline)
        {
            mine = File.Exists(path)
                ? [.. (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("tenantId").GetString() == tenant)]
                : [];
            if (expected.All(id => mine.Any(l => l.GetProperty("messageId").GetString() == id)))
            {
                return mine;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Expected {string.Join(", ", expected)}; saw {string.Join(", ", mine.Select(l => l.GetProperty("messageId").GetString()))}.");
    }
}
