using System.Globalization;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>The exam-peak benchmark's figures; printed for people and once more as one `RESULT {json}` line.</summary>
public sealed record PeakReport(
    string Tenant,
    string AssessmentId,
    int Students,
    int Connections,
    int Threads,
    WrkSummary Burst,
    double? WriteModelReleasedSeconds,
    double? StudentViewsSeconds,
    double StudentViewPassSeconds,
    double? GradebookSeconds,
    int GradebookReads,
    int StudentViewsReleased,
    int StudentScoreMismatches,
    int GradebookReleased,
    int GradebookScoreMismatches,
    int PollErrors,
    bool TimedOut,
    IReadOnlyList<CounterPerSubmission> PerSubmission,
    bool MetricsSettled,
    CeilingLine? Ceiling,
    double StudentViewsAtLeastSeconds = 0,
    HostCost? BurstCost = null,
    HostCost? ReleasedCost = null)
{
    /// <summary>Burst end to the last of: released in the write model, seen in every student's view, released in the gradebook.</summary>
    public double? ReleasedAndVisibleSeconds => StudentViewsSeconds is { } s && GradebookSeconds is { } g && WriteModelReleasedSeconds is { } w ? Math.Max(w, Math.Max(s, g)) : null;

    public double? EndToEndPerSecond => ReleasedAndVisibleSeconds is { } r ? PeakMath.EndToEndPerSecond(Burst.Acknowledged, Burst.Seconds, r) : null;

    public double? CeilingRatio => Ceiling?.Ratio(Burst.AcknowledgedPerSecond);

    public bool Passed => !TimedOut && Burst.Acknowledged == Students && Burst.Refused == 0 && Burst.SocketErrors == 0 && PollErrors == 0
        && StudentViewsReleased == Students && GradebookReleased == Students && StudentScoreMismatches == 0 && GradebookScoreMismatches == 0;

    public void Print(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"students                        {Students} (one submission each, wrk -t{Threads} -c{Connections})"));
        writer.WriteLine(string.Create(c, $"burst                           {Burst.Seconds:F2} s, {Burst.Acknowledged} acknowledged (202), {Burst.Refused} refused (non-202), {Burst.SocketErrors} socket errors"));
        writer.WriteLine(string.Create(c, $"acknowledged/s                  {Burst.AcknowledgedPerSecond:F0}"));
        writer.WriteLine(string.Create(c, $"ack latency p50/p90/p99 (wrk)   {Burst.P50Us / 1000.0:F1} / {Burst.P90Us / 1000.0:F1} / {Burst.P99Us / 1000.0:F1} ms (max {Burst.MaxUs / 1000.0:F1})"));
        writer.WriteLine(string.Create(c, $"released (write model)          {Secs(WriteModelReleasedSeconds)} after the burst's end"));
        writer.WriteLine(string.Create(c, $"visible in every student view   {Secs(StudentViewsSeconds)} (at least {StudentViewsAtLeastSeconds:F2} s: the last read that still saw one hidden; {StudentViewsReleased} released, {StudentScoreMismatches} wrong scores; a pass over the views takes {StudentViewPassSeconds:F1} s)"));
        writer.WriteLine(string.Create(c, $"released in the gradebook       {Secs(GradebookSeconds)} ({GradebookReleased} released, {GradebookScoreMismatches} wrong scores, {GradebookReads} reads)"));
        writer.WriteLine(string.Create(c, $"released and visible            {Secs(ReleasedAndVisibleSeconds)} after the burst's end{(TimedOut ? " (TIMED OUT)" : "")}"));
        writer.WriteLine(string.Create(c, $"end to end submissions/s        {(EndToEndPerSecond is { } e ? e.ToString("F0", c) : "n/a")} (acknowledged / (burst + released and visible))"));
        writer.WriteLine($"host cost during the burst      {(BurstCost is null ? "n/a (/metrics not served)" : BurstCost.ToString())} (process CPU and allocations, /metrics before the burst to its end: intake and the grading that ran meanwhile)");
        writer.WriteLine($"host cost to released            {(ReleasedCost is null ? "n/a" : ReleasedCost.ToString())} (/metrics before the burst to every submission released in the write model: intake and all grading, plus the write-model polls; the A/B figure)");
        WorkCounters.Print(writer, PerSubmission, Math.Max(1, (int)Burst.Acknowledged));
        if (!MetricsSettled)
        {
            writer.WriteLine("  (the host's counters were still moving when read: per-submission figures are a lower bound)");
        }

        writer.WriteLine(Ceiling is null
            ? "ceiling                         not run (pass --ceiling-script or CEILING_SCRIPT)"
            : string.Create(c, $"ceiling                         durable ack {Num(Ceiling.DurableAck)} req/s, jwt+json {Num(Ceiling.JwtJson)} req/s, health {Num(Ceiling.Health)} req/s; acknowledged/s / durable ack = {(CeilingRatio is { } r ? r.ToString("F3", c) : "n/a")}"));
        writer.WriteLine(Passed ? "PASS" : "FAIL");
        writer.WriteLine("RESULT " + JsonSerializer.Serialize(this, LoadApi.Json));
    }

    private static string Secs(double? s) => s is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) + " s" : "n/a";

    private static string Num(double? v) => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) : "n/a";
}

public static class PeakMath
{
    /// <summary>Submissions ÷ (burst duration + time from the burst's end until all are released and visible).</summary>
    public static double EndToEndPerSecond(long submissions, double burstSeconds, double releasedAfterSeconds)
    {
        var total = burstSeconds + releasedAfterSeconds;
        return total > 0 ? submissions / total : 0;
    }
}
