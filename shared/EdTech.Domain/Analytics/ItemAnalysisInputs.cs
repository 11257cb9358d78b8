namespace EdTech.Domain.Analytics;

/// <summary>An item of the test as the analysis sees it: its id and the points it is worth (Moodle's "max mark").</summary>
public sealed record AnalysedItem(string ItemId, decimal MaxMark);

/// <summary>
/// One student's latest graded attempt: the mark of each item the attempt contains. A null mark (an item not scored) counts as
/// 0, as Moodle counts an ungraded step; an item absent from the attempt (added in a later version) is not part of it.
/// </summary>
public sealed record AttemptMarks(string StudentId, IReadOnlyDictionary<string, decimal?> Marks);

/// <summary>
/// How the bootstrap intervals are drawn: <see cref="Resamples"/> resamples of students with replacement, seeded by
/// <see cref="Seed"/> (the caller derives it from the assessment, so the same marks always give the same interval).
/// Intervals need at least <see cref="MinimumResponses"/> responses to the item.
/// </summary>
public sealed record ItemAnalysisOptions(int Resamples, int Seed, int MinimumResponses)
{
    public static ItemAnalysisOptions Default { get; } = new(500, 0, 5);
}

/// <summary>A 95% interval (the 2.5th and 97.5th percentiles of the bootstrap distribution).</summary>
public sealed record Interval95(double Low, double High);
