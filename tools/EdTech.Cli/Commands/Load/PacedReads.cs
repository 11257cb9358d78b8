using System.Diagnostics;
using System.Net;

namespace EdTech.Cli.Commands.Load;

/// <summary>What one tenant's paced reads got: latencies of the 200s, and counts by outcome.</summary>
public sealed record PacedResult(double[] OkLatenciesMs, int Sent, int Throttled, int Errors, TimeSpan Wall)
{
    public double PerSecond => Wall.TotalSeconds > 0 ? Sent / Wall.TotalSeconds : 0;
}

/// <summary>One tenant reading one path at a fixed rate with at most C in flight; the tenant's students take turns.</summary>
public sealed class PacedReads(LoadApi api, string path, IReadOnlyList<string> tokens, ErrorSamples errors)
{
    /// <param name="stop">Once set, requests not yet sent are skipped (the phase being measured is over).</param>
    public async Task<PacedResult> RunAsync(double perSecond, int concurrency, TimeSpan duration, Func<bool> stop, CancellationToken cancellationToken)
    {
        var count = Pacing.Count(perSecond, duration);
        var latencies = new double[count];
        int sent = 0, throttled = 0;
        var start = Stopwatch.GetTimestamp();
        var fire = await FiringLoop.RunAsync(count, concurrency, async (i, ct) =>
        {
            latencies[i] = double.NaN;
            var due = start + Pacing.DueTicks(i, perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            if (stop())
            {
                return false;
            }

            var t0 = Pacing.LatencyStart(due, Stopwatch.GetTimestamp(), wait > TimeSpan.Zero);
            Interlocked.Increment(ref sent);
            try
            {
                var (status, body) = await api.SendAsync(HttpMethod.Get, path, tokens[i % tokens.Count], null, null, ct);
                if (status == HttpStatusCode.OK)
                {
                    latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    return true;
                }

                if (status == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref throttled);
                    return false;
                }

                errors.Add($"{(int)status} {body}");
                return false;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"{ex.GetType().Name}: {ex.Message}");
                return false;
            }
        }, cancellationToken);
        return new PacedResult(latencies.Where(l => !double.IsNaN(l)).ToArray(), sent, throttled, errors.Count, fire.Wall);
    }
}
