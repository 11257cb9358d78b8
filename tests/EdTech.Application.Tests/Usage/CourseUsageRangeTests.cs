using EdTech.Application.Usage;

namespace EdTech.Application.Tests.Usage;

public sealed class CourseUsageRangeTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    [Fact]
    public void ParseRange_NoDates_IsTheLast30DaysToToday()
    {
        var (range, problem) = GetCourseUsageHandler.ParseRange(null, null, Today);
        Assert.Null(problem);
        Assert.Equal((new DateOnly(2026, 5, 17), Today), range);
    }

    [Fact]
    public void ParseRange_366DaysInclusive_IsAccepted_And367NamesTo()
    {
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)), GetCourseUsageHandler.ParseRange("2025-01-01", "2026-01-01", Today).Range);
        Assert.Equal("to", Assert.Single(GetCourseUsageHandler.ParseRange("2025-01-01", "2026-01-02", Today).Problem!.Errors!).Key);
    }

    [Theory]
    [InlineData("2026-13-01", "2026-06-01", "from")]
    [InlineData("2026-06-01", "June 2", "to")]
    [InlineData("1999-12-31", "2000-01-01", "from")]
    [InlineData("2026-06-02", "2026-06-01", "from")]
    [InlineData("2026-07-01", null, "from")]
    public void ParseRange_WrongOrReversedDates_NameTheParameter(string? from, string? to, string field) =>
        Assert.Equal(field, Assert.Single(GetCourseUsageHandler.ParseRange(from, to, Today).Problem!.Errors!).Key);

    [Fact]
    public void ParseRange_OnlyFrom_EndsThirtyDaysLaterOrToday()
    {
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 30)), GetCourseUsageHandler.ParseRange("2026-01-01", null, Today).Range);
        Assert.Equal((new DateOnly(2026, 6, 10), Today), GetCourseUsageHandler.ParseRange("2026-06-10", null, Today).Range);
    }
}
