namespace EdTech.Domain.Usage;

/// <summary>What one student did in one course on one day: their events and submissions, summed.</summary>
/// <param name="TimeOnTaskSeconds">Sum of the durations the student's events reported; null when none reported one.</param>
public sealed record StudentDayTotals(int ContentViews, int Completions, int Submissions, double? TimeOnTaskSeconds);

/// <summary>One course's usage on one day.</summary>
/// <param name="MedianTimeOnTaskSeconds">Median over the day's students who reported a duration of their summed time; null when none did.</param>
public sealed record UsageDay(string Date, int ActiveStudents, int ContentViews, int Submissions, int Completions, double? MedianTimeOnTaskSeconds)
{
    public static UsageDay Empty(string date) => new(date, 0, 0, 0, 0, null);
}

/// <summary>Aggregates a day's per-student totals into the course's day; every student with a total counts as active.</summary>
public static class DailyUsage
{
    public static UsageDay Summarize(string date, IReadOnlyCollection<StudentDayTotals> students)
    {
        ArgumentNullException.ThrowIfNull(students);
        var times = students.Where(s => s.TimeOnTaskSeconds is not null).Select(s => s.TimeOnTaskSeconds!.Value).ToList();
        return new UsageDay(date, students.Count, students.Sum(s => s.ContentViews), students.Sum(s => s.Submissions), students.Sum(s => s.Completions), Median(times));
    }

    /// <summary>The median (mean of the two middle values for an even count); null for no values.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
