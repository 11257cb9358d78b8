using EdTech.Bff.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Bff.Tests.Release;

/// <summary>The ReleaseDueResults job on the LocalHost's cron scheduler, driven by a fake server clock.</summary>
public sealed class AfterDueReleaseTests
{
    [Fact]
    public async Task AfterDue_GradedWorkIsReleasedByTheJob_OnceDuePlusGraceHasPassed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new ApiFactory { Clock = clock };
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher,
            School.QuizBody("due1", "afterDue", dueAt: clock.GetUtcNow().AddSeconds(60)));
        Assert.Equal(System.Net.HttpStatusCode.Created, status);
        var submission = await school.SubmitAsync(school.Student1, assessmentId: "due1");
        await school.WaitForStatusAsync(school.Student1, submission, "graded");

        // Past dueAt + 300 s grace: the every-minute job's timer fires on the fake clock and releases it.
        clock.Advance(TimeSpan.FromMinutes(10));

        var released = await school.WaitForStatusAsync(school.Student1, submission);
        Assert.Equal(5, released.GetProperty("score").GetDecimal());
        Assert.False(released.GetProperty("late").GetBoolean());
    }
}
