using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>The benchmark's outcome; printed for people, and once more as one `RESULT {json}` line for scripts.</summary>
public sealed record LoadReport(
    string Tenant,
    string AssessmentId,
    int Students,
    int Concurrency,
    int Acknowledged,
    int Errors,
    double FireSeconds,
    double AcknowledgedPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    int Released,
    bool ReleaseTimedOut,
    double? SecondsUntilAllReleased,
    int PollErrors,
    int ScoreMismatches,
    int HealthRequests,
    int HealthErrors,
    double HealthPerSecond,
    double AckToHealthRatio)
{
    public bool Passed => Errors == 0 && PollErrors == 0 && HealthErrors == 0 && ScoreMismatches == 0 && !ReleaseTimedOut && Released == Students;

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"students                      {Students}");
        writer.WriteLine($"concurrency                   {Concurrency}");
        writer.WriteLine($"acknowledged (202)            {Acknowledged}");
        writer.WriteLine($"errors                        {Errors}");
        writer.WriteLine($"fire phase                    {FireSeconds:F2} s");
        writer.WriteLine($"acknowledged/s                {AcknowledgedPerSecond:F1}");
        writer.WriteLine($"ack latency p50/p90/p99       {P50Ms:F1} / {P90Ms:F1} / {P99Ms:F1} ms (max {MaxMs:F1})");
        writer.WriteLine($"released                      {Released}{(ReleaseTimedOut ? " (timed out)" : string.Empty)}");
        writer.WriteLine($"all released after last ack   {(SecondsUntilAllReleased is { } s ? $"{s:F2} s" : "n/a")}");
        writer.WriteLine($"poll errors                   {PollErrors}");
        writer.WriteLine($"score mismatches              {ScoreMismatches}");
        writer.WriteLine($"health req/s                  {HealthPerSecond:F1} ({HealthRequests} requests, {HealthErrors} errors)");
        writer.WriteLine($"ack/s / health req/s          {AckToHealthRatio:F3}");
        writer.WriteLine(Passed ? "PASS" : "FAIL");
        writer.WriteLine("RESULT " + JsonSerializer.Serialize(this, LoadApi.Json));
    }
}
