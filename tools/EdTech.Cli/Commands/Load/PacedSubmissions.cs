using System.Diagnostics;

namespace EdTech.Cli.Commands.Load;

/// <summary>Submission i is due i/rate seconds after the start; at most C in flight. Latency is coordinated-omission corrected.</summary>
public sealed class PacedSubmissions(LoadApi api, string assessmentId, IReadOnlyList<StudentRun> students, ErrorSamples errors)
{
    /// <summary>Latency (ms) per submission, NaN when not acknowledged; the start-of-latency timestamp feeds the release sampler.</summary>
    public async Task<FireResult> RunAsync(double perSecond, int concurrency, Action<int, StudentRun, long> acknowledged, CancellationToken cancellationToken)
    {
        var path = SubmissionFire.PathFor(assessmentId);
        var latencies = new double[students.Count];
        var start = Stopwatch.GetTimestamp();
        var wallStart = DateTimeOffset.UtcNow;
        var fire = await FiringLoop.RunAsync(students.Count, concurrency, async (i, ct) =>
        {
            latencies[i] = double.NaN;
            var due = start + Pacing.DueTicks(i, perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var t0 = Pacing.LatencyStart(due, Stopwatch.GetTimestamp(), wait > TimeSpan.Zero);
            var student = students[i];
            if (!await SubmissionFire.SendAsync(api, path, student, errors, ct))
            {
                return false;
            }

            // One clock for sends and the product's release times (same machine): the wall clock, anchored once to the stopwatch.
            student.SentAt = wallStart + Stopwatch.GetElapsedTime(start, t0);
            latencies[i] = Stopwatch.GetElapsedTime(t0, student.AcknowledgedAt).TotalMilliseconds;
            acknowledged(i, student, t0);
            return true;
        }, cancellationToken);
        return fire with { LatenciesMs = latencies };
    }
}
