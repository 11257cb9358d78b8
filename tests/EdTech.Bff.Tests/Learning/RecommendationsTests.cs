using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Learning;

/// <summary>Recommendations end to end, through the real LocalHost: store, change feed, durable grading, learner-state handler, cache.</summary>
public sealed class RecommendationsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task MultiplicationWrong_RecommendsMultiplicationPractice_WithReason()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateAsync(school, ArithmeticQuiz("times1", "immediate"));

        var submission = await school.SubmitAsync(school.Student1, MultiplicationWrongAdditionRight, "times1");
        await school.WaitForStatusAsync(school.Student1, submission);
        // How soon they are ready is a benchmark figure (`edtech load recommendations`, docs/benchmarks.md), not a unit-test threshold.
        var items = await WaitForAsync(school, school.Student1, r => r.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("skill").GetString() == "multiplication"));

        var first = items.GetProperty("items")[0];
        Assert.Equal("multiplication", first.GetProperty("skill").GetString());
        Assert.Equal("times1", first.GetProperty("assessmentId").GetString());
        Assert.StartsWith("m", first.GetProperty("itemId").GetString(), StringComparison.Ordinal);
        Assert.Contains("multiplication", first.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var predicted = first.GetProperty("predictedSuccess").GetDouble();
        Assert.InRange(predicted, 0.01, 0.99);
        var mastery = items.GetProperty("mastery").EnumerateArray().ToDictionary(m => m.GetProperty("skill").GetString()!, m => m.GetProperty("mastery").GetDouble());
        Assert.True(mastery["multiplication"] < mastery["addition"], $"mastery: {items.GetProperty("mastery")}");

        // The classmate who did nothing gets nothing.
        var (status, empty, _) = await school.Client.GetAsync("/api/student/recommendations", school.Student2);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task GradedButNotReleased_DoesNotShowInRecommendationsOrMastery()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateAsync(school, ArithmeticQuiz("hidden1", "manual"));

        var submission = await school.SubmitAsync(school.Student1, MultiplicationWrongAdditionRight, "hidden1");
        await school.WaitForStatusAsync(school.Student1, submission, "graded");
        await Settled.FeedAsync(factory); // the learner-state handler has seen the graded submission: absence now means something
        var (_, before, _) = await school.Client.GetAsync("/api/student/recommendations", school.Student1);
        Assert.Equal(0, before.GetProperty("items").GetArrayLength());
        Assert.Equal(0, before.GetProperty("mastery").GetArrayLength());

        var (released, _, _) = await school.Client.PostAsync("/api/teacher/assessments/hidden1/release", school.Teacher, new { });
        Assert.Equal(HttpStatusCode.Accepted, released);
        await school.WaitForStatusAsync(school.Student1, submission);
        await WaitForAsync(school, school.Student1, r => r.GetProperty("items").GetArrayLength() > 0);
    }

    [Fact]
    public async Task SkillGraph_UnmetPrerequisiteIsRecommendedFirst_AndACycleIs422()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateAsync(school, ArithmeticQuiz("graph1", "immediate"));
        var (cycle, problem, _) = await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/skill-graph", school.Teacher, new
        {
            prerequisites = new[] { new { skill = "multiplication", requires = new[] { "addition" } }, new { skill = "addition", requires = new[] { "multiplication" } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle);
        Assert.Contains("cycle", problem.GetProperty("errors").GetProperty("prerequisites")[0].GetString(), StringComparison.Ordinal);

        var (set, _, _) = await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/skill-graph", school.Teacher, new
        {
            prerequisites = new[] { new { skill = "multiplication", requires = new[] { "addition" } } },
        });
        Assert.Equal(HttpStatusCode.OK, set);

        // Everything wrong: addition is weak too, so it comes before multiplication even though multiplication is weaker.
        var submission = await school.SubmitAsync(school.Student1, new { answers = new object[] { Answer("m1", 1), Answer("m2", 1), Answer("m3", 1), Answer("a1", 0) } }, "graph1");
        await school.WaitForStatusAsync(school.Student1, submission);
        var body = await WaitForAsync(school, school.Student1, r => r.GetProperty("items").GetArrayLength() > 0);
        var skills = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("skill").GetString()).ToList();
        Assert.Equal("addition", skills[0]);
        Assert.Contains("multiplication", skills);
        Assert.Contains("first", body.GetProperty("items")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    internal static object ArithmeticQuiz(string id, string releaseMode) => new
    {
        id, title = "Times tables", dueAt = DateTimeOffset.UtcNow.AddDays(1), graceSeconds = 300, release = new { mode = releaseMode },
        items = new object[]
        {
            new { id = "m1", type = "numeric", prompt = "3×4?", answer = 12, points = 1, skills = new[] { "multiplication" } },
            new { id = "m2", type = "numeric", prompt = "6×7?", answer = 42, points = 1, skills = new[] { "multiplication" } },
            new { id = "m3", type = "numeric", prompt = "5×5?", answer = 25, points = 1, skills = new[] { "multiplication" } },
            new { id = "a1", type = "numeric", prompt = "2+3?", answer = 5, points = 1, skills = new[] { "addition" } },
        },
    };

    internal static readonly object MultiplicationWrongAdditionRight = new { answers = new object[] { Answer("m1", 7), Answer("m2", 13), Answer("m3", 10), Answer("a1", 5) } };

    internal static async Task CreateAsync(School school, object assessment)
    {
        var (status, body, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, assessment);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
    }

    private static object Answer(string itemId, decimal value) => new { itemId, value };

    private static async Task<JsonElement> WaitForAsync(School school, string token, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (status, body, _) = await school.Client.GetAsync("/api/student/recommendations", token);
            Assert.Equal(HttpStatusCode.OK, status);
            last = body;
            if (done(body))
            {
                return body;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Recommendations never matched; last: {last}");
    }
}
