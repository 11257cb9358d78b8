using System.Diagnostics;

namespace EdTech.Cli.Commands.Load;

/// <summary>What a timed phase measured: per-request latency (ms, in request order), successes and wall time.</summary>
public sealed record FireResult(double[] LatenciesMs, int Succeeded, TimeSpan Wall)
{
    public int Failed => LatenciesMs.Length - Succeeded;

    public double PerSecond(int count) => Wall.TotalSeconds > 0 ? count / Wall.TotalSeconds : 0;
}

/// <summary>
/// Exactly <c>concurrency</c> worker tasks take the next request index from a shared counter (a
/// lock-free queue of indices) until all are sent, so the server sees C requests in flight.
/// </summary>
public static class FiringLoop
{
    /// <param name="send">Sends request i; true when it got the expected answer. Its whole duration is the latency.</param>
    public static async Task<FireResult> RunAsync(int count, int concurrency, Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var next = -1;
        var succeeded = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, count))).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var t0 = Stopwatch.GetTimestamp();
                var ok = await send(i, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (ok)
                {
                    Interlocked.Increment(ref succeeded);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        return new FireResult(latencies, succeeded, Stopwatch.GetElapsedTime(started));
    }
}
