using EdTech.Domain.Assessments;

namespace EdTech.Domain.Tests.Assessments;

public sealed class DeadlineTests
{
    private static Assessment Due(DateTimeOffset dueAt, int grace) =>
        new("a", "c", "t", dueAt, grace, null, new LatePolicy(10, 50), new ReleasePolicy(ReleasePolicy.AfterDue, null), []);

    [Fact]
    public void FarFutureDueWithGrace_DeadlineSaturates_NeverThrows()
    {
        var assessment = Due(DateTimeOffset.MaxValue.AddSeconds(-10), 604_800);

        Assert.Equal(DateTimeOffset.MaxValue, assessment.Deadline);
        Assert.False(assessment.IsLate(DateTimeOffset.UtcNow));
        Assert.False(assessment.IsReleasedAt(DateTimeOffset.UtcNow, false));
    }

    [Fact]
    public void OrdinaryDue_DeadlineIsDuePlusGrace()
    {
        var due = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(due.AddSeconds(300), Due(due, 300).Deadline);
    }
}
