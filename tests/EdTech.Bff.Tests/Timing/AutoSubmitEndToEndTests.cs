using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Bff.Tests.Timing;

/// <summary>
/// An auto-submit attempt submitted by its durable timer on the LocalHost's own durable engine, through the whole pipeline.
/// The server clock is fake and starts 100 s behind: the attempt's timer is due in the engine's (real) past, so it fires at
/// once; its step finds the attempt not yet due on the server clock and waits a second; the test then moves the server clock
/// past the end, and the next step submits the last draft.
/// </summary>
public sealed class AutoSubmitEndToEndTests
{
    [Fact]
    public async Task AutoSubmitAttempt_LimitPasses_TheLocalEngineSubmitsTheLastDraft_Once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(-100));
        using var factory = new ApiFactory { Clock = clock };
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = JsonSerializer.SerializeToNode(School.QuizBody("auto1", dueAt: DateTimeOffset.UtcNow.AddDays(1)))!;
        quiz["timeLimitSeconds"] = 60;
        quiz["overTime"] = "auto-submit";
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, quiz)).Status);

        var (_, attempt, _) = await school.Client.PostAsync("/api/student/assessments/auto1/attempts", school.Student1, new { });
        var id = attempt.GetProperty("attemptId").GetString()!;
        var (saved, _, _) = await school.Client.SendAsync(HttpMethod.Put, $"/api/student/assessments/auto1/attempts/{id}/draft", school.Student1,
            new { sequence = 1, answers = new[] { new { itemId = "q1", value = "4" } } });
        Assert.Equal(HttpStatusCode.OK, saved);
        clock.Advance(TimeSpan.FromSeconds(100));

        var ended = await school.PollAsync($"/api/student/assessments/auto1/attempts/{id}", school.Student1,
            a => a.GetProperty("status").GetString() == "submitted", TimeSpan.FromSeconds(60));
        var submissionId = ended.GetProperty("submissionId").GetString()!;
        var graded = await school.WaitForStatusAsync(school.Student1, submissionId);
        Assert.False(graded.GetProperty("late").GetBoolean());
        var body = JsonSerializer.SerializeToNode(School.PerfectAnswers)!;
        body["attemptId"] = id;
        var (conflict, problem, _) = await school.Client.PostAsync("/api/student/assessments/auto1/submissions", school.Student1, body);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains("automatically", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, mine, _) = await school.Client.GetAsync("/api/student/submissions", school.Student1);
        Assert.Single(mine.GetProperty("items").EnumerateArray(), s => s.GetProperty("assessmentId").GetString() == "auto1");
    }
}
