using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>What polling saw: how many submissions show their target score, and when the last one was first seen with it.</summary>
public sealed record RegradePollResult(int Done, int Pending, bool TimedOut, long LastDoneAt, int Rounds);

/// <summary>Polls each submission's student view in rounds (only those not yet at their target score) until all are, or the timeout passes.</summary>
public static class RegradePoller
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static async Task<RegradePollResult> RunAsync(LoadApi api, IReadOnlyList<StudentRun> runs, Func<StudentRun, decimal> target, int concurrency, TimeSpan timeout,
        ErrorSamples errors, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var doneAt = new long[runs.Count];
        var pending = Enumerable.Range(0, runs.Count).Where(i => runs[i].SubmissionId is not null).ToList();
        var rounds = 0;
        while (pending.Count > 0 && Stopwatch.GetElapsedTime(started) < timeout)
        {
            rounds++;
            var round = pending;
            await FiringLoop.RunAsync(round.Count, concurrency, async (k, ct) =>
            {
                var i = round[k];
                if (await ScoreAsync(api, runs[i], errors, ct) == target(runs[i]))
                {
                    doneAt[i] = Stopwatch.GetTimestamp();
                }

                return true;
            }, cancellationToken);
            pending = round.Where(i => doneAt[i] == 0).ToList();
            if (pending.Count > 0)
            {
                await Task.Delay(Pause, cancellationToken);
            }
        }

        var done = doneAt.Count(t => t != 0);
        return new RegradePollResult(done, pending.Count, pending.Count > 0, done == 0 ? 0 : doneAt.Max(), rounds);
    }

    private static async Task<decimal?> ScoreAsync(LoadApi api, StudentRun run, ErrorSamples errors, CancellationToken cancellationToken)
    {
        try
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/student/submissions/{Uri.EscapeDataString(run.SubmissionId!)}", run.Token, null, null, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                errors.Add($"{run.StudentId} {run.SubmissionId}: {(int)status} {body}");
                return null;
            }

            return JsonSerializer.Deserialize<ReleasePoller.SubmissionView>(body, LoadApi.Json)?.Score;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"{run.StudentId}: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }
}
