using EdTech.Domain.Usage;

namespace EdTech.Application.Tests.Usage;

public sealed class DailyUsageTests
{
    [Fact]
    public void Summarize_SumsCountsAndTakesTheMedianOverStudentsWhoReportedTime()
    {
        var day = DailyUsage.Summarize("2026-06-01",
        [
            new StudentDayTotals(ContentViews: 3, Completions: 1, Submissions: 1, TimeOnTaskSeconds: 600),
            new StudentDayTotals(1, 0, 0, 60),
            new StudentDayTotals(0, 0, 2, null),
            new StudentDayTotals(2, 2, 0, 120),
        ]);

        Assert.Equal(new UsageDay("2026-06-01", ActiveStudents: 4, ContentViews: 6, Submissions: 3, Completions: 3, MedianTimeOnTaskSeconds: 120), day);
    }

    [Fact]
    public void Median_EvenCount_IsTheMeanOfTheMiddleTwo_AndNoneIsNull()
    {
        Assert.Equal(90, DailyUsage.Median([600, 60, 120, 30]));
        Assert.Equal(60, DailyUsage.Median([60]));
        Assert.Null(DailyUsage.Median([]));
        Assert.Null(DailyUsage.Summarize("2026-06-01", [new StudentDayTotals(1, 0, 0, null)]).MedianTimeOnTaskSeconds);
    }
}
