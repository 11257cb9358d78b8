namespace EdTech.Cli.Commands.Load.Release;

/// <summary>Submit→released of one window of send times: how many, p50 and p99 (nearest rank), and whether it met its target.</summary>
public sealed record ReleaseWindow(int FromSecond, bool First, int Released, int NotReleased, double P50Ms, double P99Ms, double TargetMs)
{
    public bool Met => NotReleased == 0 && Released > 0 && P99Ms < TargetMs;
}

/// <summary>
/// Sustained load: submit→released per window of <see cref="Seconds"/> by send time, the first (cold) window with its own target.
/// A submission acknowledged but never released counts in its window as not released, and the window misses its target.
/// </summary>
public static class ReleaseWindows
{
    public const int Seconds = 10;
    public const double FirstTargetMs = 2000;
    public const double TargetMs = 1000;

    /// <param name="sentSeconds">Per acknowledged submission: seconds from the start of sending to its send (due) time.</param>
    /// <param name="releasedMs">The same submission's submit→released in ms; null when never released.</param>
    public static IReadOnlyList<ReleaseWindow> Of(IReadOnlyList<(double SentSeconds, double? ReleasedMs)> submissions)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        return submissions
            .GroupBy(s => (int)Math.Floor(Math.Max(0, s.SentSeconds) / Seconds))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var released = g.Where(s => s.ReleasedMs is not null).Select(s => s.ReleasedMs!.Value).ToArray();
                var stats = LatencyStats.Of(released);
                var first = g.Key == 0;
                return new ReleaseWindow(g.Key * Seconds, first, released.Length, g.Count() - released.Length, stats.P50, stats.P99, first ? FirstTargetMs : TargetMs);
            })
            .ToList();
    }

    public static void Print(TextWriter writer, IReadOnlyList<ReleaseWindow> windows, string source)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(windows);
        writer.WriteLine($"submit->released per {Seconds} s window of send time ({source}):");
        foreach (var w in windows)
        {
            writer.WriteLine(System.FormattableString.Invariant(
                $"  {w.FromSecond,4}s+{(w.First ? " (first)" : "        ")}  released {w.Released,6}{(w.NotReleased > 0 ? $" ({w.NotReleased} NOT)" : "")}  p50 {w.P50Ms,7:F0} ms  p99 {w.P99Ms,7:F0} ms  target p99 < {w.TargetMs:F0} ms: {(w.Met ? "met" : "NOT MET")}"));
        }

        var later = windows.Where(w => !w.First).ToList();
        writer.WriteLine($"targets: first window {(windows.FirstOrDefault(w => w.First)?.Met == true ? "met" : "NOT MET")}; later windows met {later.Count(w => w.Met)} of {later.Count}");
    }
}
