using System.Diagnostics;

namespace EdTech.Cli.Commands.Load.Regrade;

/// <summary>What polling saw: how many submissions show their target score, and when the last one was first seen with it.</summary>
public sealed record RegradePollResult(int Done, int Pending, bool TimedOut, long LastDoneAt, int Rounds);

/// <summary>Polls each submission's student view in rounds (only those not yet at their target score) until all are, or the timeout passes.</summary>
public static class RegradePoller
{
    public static async Task<RegradePollResult> RunAsync(LoadApi api, IReadOnlyList<StudentRun> runs, Func<StudentRun, decimal> target, int concurrency, TimeSpan timeout,
        ErrorSamples errors, CancellationToken cancellationToken)
    {
        var doneAt = new long[runs.Count];
        var (pending, rounds) = await PollRounds.RunAsync(Enumerable.Range(0, runs.Count).Where(i => runs[i].SubmissionId is not null).ToList(), concurrency, timeout,
            async (i, ct) =>
            {
                if ((await StudentViews.ReadAsync(api, runs[i], errors, ct))?.Score != target(runs[i]))
                {
                    return false;
                }

                doneAt[i] = Stopwatch.GetTimestamp();
                return true;
            }, cancellationToken);
        var done = doneAt.Count(t => t != 0);
        return new RegradePollResult(done, pending, pending > 0, done == 0 ? 0 : doneAt.Max(), rounds);
    }
}
