using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdTech.Cli.Commands.Load.Release;

/// <summary>
/// Submit-to-released on a sample, measured while the load runs: every 100 ms each sampled, not yet
/// released submission is read once; the first read that sees `released` ends its latency. The poll
/// period bounds the error (+0–100 ms plus one read) up to 2 s of age; older samples are read once a
/// second, so a backlog does not turn the sampler into load. The extra reads are counted in the report.
/// </summary>
public sealed class ReleaseSampler(LoadApi api, ErrorSamples errors)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(2);
    private readonly ConcurrentQueue<(int Index, StudentRun Student, long StartedAt)> incoming = new();
    private readonly Dictionary<int, double> latenciesMs = [];
    private int polls;

    public int Polls => polls;

    public int Pending { get; private set; }

    public IReadOnlyCollection<double> LatenciesMs => latenciesMs.Values;

    /// <summary>Latency by submission index (its place in the firing order), for per-window figures.</summary>
    public IReadOnlyDictionary<int, double> LatenciesByIndex => latenciesMs;

    public void Track(int index, StudentRun student, long startedAt) => incoming.Enqueue((index, student, startedAt));

    /// <summary>Polls until <paramref name="firingDone"/> is set and nothing is pending, or the deadline after firing passes.</summary>
    public async Task RunAsync(Func<bool> firingDone, TimeSpan timeoutAfterFiring, CancellationToken cancellationToken)
    {
        var pending = new List<(int Index, StudentRun Student, long StartedAt)>();
        long? firingEndedAt = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var round = Stopwatch.GetTimestamp();
            while (incoming.TryDequeue(out var item))
            {
                pending.Add(item);
            }

            var results = await Task.WhenAll(pending.Select(p => Due(p.StartedAt, round) ? PollAsync(p.Student, cancellationToken) : Task.FromResult<long?>(null)));
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (results[i] is { } seenAt)
                {
                    latenciesMs[pending[i].Index] = Stopwatch.GetElapsedTime(pending[i].StartedAt, seenAt).TotalMilliseconds;
                    pending.RemoveAt(i);
                }
            }

            Pending = pending.Count;
            if (firingDone())
            {
                firingEndedAt ??= Stopwatch.GetTimestamp();
                if ((pending.Count == 0 && incoming.IsEmpty) || Stopwatch.GetElapsedTime(firingEndedAt.Value) > timeoutAfterFiring)
                {
                    return;
                }
            }

            var rest = Period - Stopwatch.GetElapsedTime(round);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }
        }
    }

    /// <summary>Young samples every round; old ones about once a second (a tenth of the rounds, spread by start time).</summary>
    private static bool Due(long startedAt, long now) =>
        Stopwatch.GetElapsedTime(startedAt, now) < SlowAfter || (now / (Period.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond)) % 10 == startedAt % 10;

    private async Task<long?> PollAsync(StudentRun student, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref polls);
        var view = await StudentViews.ReadAsync(api, student, errors, cancellationToken);
        return view?.Status == "released" ? Stopwatch.GetTimestamp() : null;
    }
}
