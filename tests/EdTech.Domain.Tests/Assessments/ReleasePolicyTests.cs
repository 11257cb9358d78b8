using EdTech.Domain.Assessments;

namespace EdTech.Domain.Tests.Assessments;

public sealed class ReleasePolicyTests
{
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Assessment With(string mode, DateTimeOffset? at = null) =>
        new("a", "c", "t", Due, 60, null, null, new ReleasePolicy(mode, at), []);

    [Fact]
    public void Immediate_IsReleasedAtOnce() => Assert.True(With(ReleasePolicy.Immediate).IsReleasedAt(Due.AddDays(-5), false));

    [Fact]
    public void AfterDue_IsReleasedOnlyAfterDueAndGrace()
    {
        Assert.False(With(ReleasePolicy.AfterDue).IsReleasedAt(Due.AddSeconds(59), false));
        Assert.True(With(ReleasePolicy.AfterDue).IsReleasedAt(Due.AddSeconds(60), false));
    }

    [Fact]
    public void Scheduled_IsReleasedAtItsTime()
    {
        var at = Due.AddDays(2);
        Assert.False(With(ReleasePolicy.Scheduled, at).IsReleasedAt(at.AddTicks(-1), false));
        Assert.True(With(ReleasePolicy.Scheduled, at).IsReleasedAt(at, false));
    }

    [Fact]
    public void Manual_WaitsForTheTeacher()
    {
        Assert.False(With(ReleasePolicy.Manual).IsReleasedAt(Due.AddYears(1), false));
        Assert.True(With(ReleasePolicy.Manual).IsReleasedAt(Due, true));
    }
}
