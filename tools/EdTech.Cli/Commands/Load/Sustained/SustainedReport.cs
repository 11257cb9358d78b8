using System.Text.Json;
using EdTech.Cli.Commands.Load.Release;

namespace EdTech.Cli.Commands.Load.Sustained;

public sealed record SustainedWindow(int FromSecond, int Acknowledged, double P99Ms, double ReleasedP99Ms);

/// <summary>The sustained benchmark's outcome; printed for people and as one `RESULT {json}` line.</summary>
public sealed record SustainedReport(
    string Tenant,
    string AssessmentId,
    int Rate,
    double Seconds,
    int Concurrency,
    int Submissions,
    int Acknowledged,
    int Errors,
    double AcknowledgedPerSecond,
    LatencyStats Ack,
    IReadOnlyList<SustainedWindow> Windows,
    LatencyStats SubmitToReleased,
    int SampledNotReleased,
    int SamplePolls,
    int SampleErrors,
    int Released,
    bool ReleaseTimedOut,
    int CheckErrors,
    int ScoreMismatches,
    IReadOnlyList<ReleaseWindow>? ReleaseWindows = null,
    string? ReleaseSource = null,
    LatencyStats? ServerSubmitToReleased = null)
{
    public bool Passed => Errors == 0 && SampleErrors == 0 && CheckErrors == 0 && ScoreMismatches == 0 && !ReleaseTimedOut && SampledNotReleased == 0 && Released == Submissions;

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"target                        {Rate}/s for {Seconds:F0} s ({Submissions} submissions, {Concurrency} in flight at most)");
        writer.WriteLine($"acknowledged (202)            {Acknowledged} ({AcknowledgedPerSecond:F1}/s), errors {Errors}");
        writer.WriteLine($"ack latency p50/p90/p99       {Ack.P50:F1} / {Ack.P90:F1} / {Ack.P99:F1} ms (max {Ack.Max:F1})");
        foreach (var w in Windows)
        {
            writer.WriteLine($"  {w.FromSecond,4}s+  acknowledged {w.Acknowledged,6}  p99 {w.P99Ms,7:F1} ms  visible p99 (sampled) {w.ReleasedP99Ms,7:F0} ms");
        }

        writer.WriteLine($"submit->visible (student view, sampled polls) p50/p90/p99  {SubmitToReleased.P50:F0} / {SubmitToReleased.P90:F0} / {SubmitToReleased.P99:F0} ms (max {SubmitToReleased.Max:F0}; {SubmitToReleased.Count} sampled, {SampledNotReleased} never seen released, {SamplePolls} polls)");
        if (ReleaseWindows is { } windows)
        {
            Load.Release.ReleaseWindows.Print(writer, windows, ReleaseSource ?? "");
            if (ServerSubmitToReleased is { } server)
            {
                writer.WriteLine($"server side (received -> released) p50/p99 {server.P50:F0} / {server.P99:F0} ms over {server.Count}");
            }
        }

        writer.WriteLine($"released (full check)         {Released}{(ReleaseTimedOut ? " (timed out)" : string.Empty)}, check errors {CheckErrors}, score mismatches {ScoreMismatches}");
        writer.WriteLine(Passed ? "PASS" : "FAIL");
        writer.WriteLine("RESULT " + JsonSerializer.Serialize(this, LoadApi.Json));
    }
}
