using System.Globalization;

namespace EdTech.Domain.Analytics;

/// <summary>
/// ISO 8601 weeks as the weekly heatmaps name them ("2026-W49"): weeks start on Monday and belong to the year of their
/// Thursday, so 2026-12-31 (Thursday) is 2026-W53 and 2027-01-01 (Friday) is 2026-W53 too. Instants are read in UTC.
/// </summary>
public static class IsoWeeks
{
    public static string Of(DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return Name(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    public static string Name(int year, int week) => string.Create(CultureInfo.InvariantCulture, $"{year:0000}-W{week:00}");

    /// <summary>Every week from <paramref name="first"/> to <paramref name="last"/> inclusive, in order (empty when first is after last).</summary>
    public static IReadOnlyList<string> Range(string first, string last)
    {
        var (start, end) = (MondayOf(first), MondayOf(last));
        var weeks = new List<string>();
        for (var monday = start; monday <= end; monday = monday.AddDays(7))
        {
            weeks.Add(Name(ISOWeek.GetYear(monday), ISOWeek.GetWeekOfYear(monday)));
        }

        return weeks;
    }

    /// <summary>The Monday of a week named "yyyy-Www".</summary>
    public static DateTime MondayOf(string week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return ISOWeek.ToDateTime(int.Parse(week.AsSpan(0, 4), CultureInfo.InvariantCulture), int.Parse(week.AsSpan(6), CultureInfo.InvariantCulture), DayOfWeek.Monday);
    }
}
