namespace EdTech.Domain.Usage;

/// <summary>What one student did in one course on one day: their events and submissions, summed.</summary>
/// <param name="TimeOnTaskSeconds">Sum of the durations the student's events reported; null when none reported one.</param>
/// <param name="Started">Distinct objects the student posted <c>started</c> for that day.</param>
/// <param name="StartedCompleted">Of those, the objects the student also posted <c>completed</c> for that day.</param>
public sealed record StudentDayTotals(int ContentViews, int Completions, int Submissions, double? TimeOnTaskSeconds, int Started = 0, int StartedCompleted = 0);

/// <summary>One course's (or one section's) usage on one day.</summary>
/// <param name="MedianTimeOnTaskSeconds">Median over the day's students who reported a duration of their summed time; null when none did.</param>
/// <param name="Completion">
/// Of the (student, object) pairs started that day, the share the same student also completed that day (0..1); null when nothing
/// was started (<see cref="DailyUsage.CompletionOf"/>).
/// </param>
public sealed record UsageDay(string Date, int ActiveStudents, int ContentViews, int Submissions, int Completions, double? MedianTimeOnTaskSeconds, double? Completion = null)
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
        return new UsageDay(date, students.Count, students.Sum(s => s.ContentViews), students.Sum(s => s.Submissions), students.Sum(s => s.Completions), Median(times),
            CompletionOf(students));
    }

    /// <summary>
    /// The day's completion: Σ started-and-completed ÷ Σ started over the students, null when nobody started anything. Same-day
    /// pairs, not completed ÷ started events: a completion of something started on an earlier day, or a <c>completed</c> the app
    /// sent without a <c>started</c>, would otherwise count and the share could pass 1.
    /// </summary>
    public static double? CompletionOf(IReadOnlyCollection<StudentDayTotals> students)
    {
        ArgumentNullException.ThrowIfNull(students);
        var started = students.Sum(s => s.Started);
        return started == 0 ? null : (double)students.Sum(s => s.StartedCompleted) / started;
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
