using System.Diagnostics;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// Wall time of a fit: one untimed run (JIT, tier-up), then the median of three timed runs, so one pause of a busy 2-core
/// box does not become the figure. The fits are deterministic: every run returns the same result.
/// </summary>
public static class Timing
{
    public const int TimedRuns = 3;

    public static (T Result, double MedianMs) Median<T>(Func<T> fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var result = fit();
        var times = new double[TimedRuns];
        for (var run = 0; run < TimedRuns; run++)
        {
            var clock = Stopwatch.StartNew();
            result = fit();
            times[run] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return (result, times[TimedRuns / 2]);
    }
}
