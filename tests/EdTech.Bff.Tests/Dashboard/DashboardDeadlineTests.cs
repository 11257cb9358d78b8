using EdTech.Bff.Tests.Infrastructure;
using EdTech.Bff.Tests.Slice;
using static EdTech.Bff.Tests.Dashboard.DashboardCalls;

namespace EdTech.Bff.Tests.Dashboard;

/// <summary>Open assessments end at dueAt + graceSeconds by the server's clock (the LocalHost's clock under test control).</summary>
public sealed class DashboardDeadlineTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(300_000, true)]
    [InlineData(300_001, false)]
    public async Task OpenAssessments_AtOffsetFromDue_ListedUntilGraceEnds(int millisecondsAfterDue, bool open)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = "due-" + Guid.NewGuid().ToString("n")[..6];
        var now = factory.Clock!.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddDays(3);
        await CreateQuizAsync(school, quiz, dueAt: due);

        factory.Clock.SetUtcNow(due + TimeSpan.FromMilliseconds(millisecondsAfterDue));
        var dashboard = await GetAsync(school, school.Student1);

        Assert.Equal(open, Ids(dashboard, "openAssessments", "assessmentId").Contains(quiz));
    }
}
