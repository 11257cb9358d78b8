using System.Net;
using EdTech.Bff.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Bff.Tests.Slice;

/// <summary>The LocalHost with its clock under the test's control (it only moves forward).</summary>
public sealed class ClockedApiFactory : ApiFactory
{
    public ClockedApiFactory() => Clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.Zero));
}

/// <summary>API.md: late = received after dueAt + graceSeconds by the server's clock; client-sent times are ignored.</summary>
public sealed class LatenessBoundaryTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    private const int Grace = 300;
    private static readonly object Penalty = new { percentPerDay = 10, floorPercent = 50 };

    [Theory]
    [InlineData(0, false)]
    [InlineData(Grace * 1000 - 1, false)]
    [InlineData(Grace * 1000, false)]
    [InlineData(Grace * 1000 + 1, true)]
    public async Task Submission_AtOffsetFromDue_IsLateOnlyAfterGrace(int millisecondsAfterDue, bool late)
    {
        var view = await SubmitAtAsync(TimeSpan.FromMilliseconds(millisecondsAfterDue), skew: null);

        Assert.Equal(late, view.GetProperty("late").GetBoolean());
        Assert.Equal(late ? 4.5m : 5m, view.GetProperty("score").GetDecimal());
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(5)]
    public async Task ClientClockSkewedByMinutes_IsIgnored(int skewMinutes)
    {
        var afterDue = TimeSpan.FromSeconds(Grace) + TimeSpan.FromMilliseconds(1);

        var view = await SubmitAtAsync(afterDue, skew: TimeSpan.FromMinutes(skewMinutes));

        Assert.True(view.GetProperty("late").GetBoolean());
        Assert.Equal(factory.Clock!.GetUtcNow(), view.GetProperty("submittedAt").GetDateTimeOffset());
    }

    private async Task<System.Text.Json.JsonElement> SubmitAtAsync(TimeSpan afterDue, TimeSpan? skew)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = "late-" + Guid.NewGuid().ToString("n")[..6];
        var now = factory.Clock!.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddDays(1);
        var (created, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher,
            School.QuizBody(quiz, dueAt: due, latePolicy: Penalty));
        Assert.Equal(HttpStatusCode.Created, created);

        var receivedAt = due + afterDue;
        factory.Clock.SetUtcNow(receivedAt);
        DateTimeOffset? skewedClientTime = skew is { } s ? receivedAt + s : null;
        var request = ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{quiz}/submissions", school.Student1, School.PerfectAnswers);
        if (skewedClientTime is { } clientTime)
        {
            request.Headers.Date = clientTime;
            request.Content = new StringContent(
                $$"""{"submittedAt":"{{clientTime:O}}","receivedAt":"{{clientTime:O}}","answers":[{"itemId":"q1","value":"4"},{"itemId":"q2","value":["2","3"]},{"itemId":"q3","value":3.14},{"itemId":"q4","value":"Paris"}]}""",
                System.Text.Encoding.UTF8, "application/json");
        }

        var response = await school.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("submissionId").GetString()!;
        return await school.WaitForStatusAsync(school.Student1, id);
    }
}
