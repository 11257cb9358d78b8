using System.Text.Json;

namespace EdTech.Cli.Commands.Load.Neighbours;

/// <summary>The quiet tenant's latency alone and beside a noisy tenant; printed for people and as one `RESULT {json}` line.</summary>
public sealed record NeighboursReport(
    string QuietTenant,
    string NoisyTenant,
    int Concurrency,
    double Ratio,
    double QuietRate,
    double Seconds,
    int AloneRequests,
    double AloneP50Ms,
    double AloneP99Ms,
    int SharedRequests,
    double SharedP50Ms,
    double SharedP99Ms,
    double P99IncreasePercent,
    int QuietErrors,
    int NoisySent,
    double NoisyPerSecond,
    int NoisyThrottled,
    int NoisyErrors,
    double MaxIncreasePercent)
{
    public bool Passed => QuietErrors == 0 && AloneRequests > 0 && SharedRequests > 0 && P99IncreasePercent <= MaxIncreasePercent;

    /// <summary>Relative change in percent; 0 when there is no baseline (the report then fails on its counts).</summary>
    public static double IncreasePercent(double alone, double shared) => alone > 0 ? (shared - alone) / alone * 100 : 0;

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"quiet tenant                  {QuietTenant}: {QuietRate:F0} req/s, {Concurrency} in flight, {Seconds:F0} s per phase");
        writer.WriteLine($"noisy tenant                  {NoisyTenant}: {Ratio:F0}x ({NoisySent} sent, {NoisyPerSecond:F1} req/s)");
        writer.WriteLine($"quiet alone p50/p99           {AloneP50Ms:F2} / {AloneP99Ms:F2} ms ({AloneRequests} requests)");
        writer.WriteLine($"quiet beside noisy p50/p99    {SharedP50Ms:F2} / {SharedP99Ms:F2} ms ({SharedRequests} requests)");
        writer.WriteLine($"p99 increase                  {P99IncreasePercent:F1} % (limit {MaxIncreasePercent:F0} %)");
        writer.WriteLine($"quiet errors                  {QuietErrors}");
        writer.WriteLine($"noisy 429 / other errors      {NoisyThrottled} / {NoisyErrors}");
        writer.WriteLine(Passed ? "PASS" : "FAIL");
        writer.WriteLine("RESULT " + JsonSerializer.Serialize(this, LoadApi.Json));
    }
}
