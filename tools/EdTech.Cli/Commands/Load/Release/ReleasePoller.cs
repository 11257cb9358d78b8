using System.Diagnostics;

namespace EdTech.Cli.Commands.Load.Release;

/// <summary>What polling saw: how many were released, whether time ran out, and when the last one was first seen released.</summary>
public sealed record ReleaseResult(int Released, int Pending, bool TimedOut, long LastReleasedAt, int Rounds);

/// <summary>Polls each acknowledged, not yet released submission in rounds until all are released or the timeout passes.</summary>
public static class ReleasePoller
{
    public static async Task<ReleaseResult> RunAsync(LoadApi api, IReadOnlyList<StudentRun> students, int concurrency, TimeSpan timeout, ErrorSamples errors, CancellationToken cancellationToken)
    {
        var (pending, rounds) = await PollRounds.RunAsync(students.Where(s => s.SubmissionId is not null).ToList(), concurrency, timeout,
            async (student, ct) =>
            {
                await PollAsync(api, student, errors, ct);
                return student.ReleasedAt != 0;
            }, cancellationToken);
        var released = students.Where(s => s.ReleasedAt != 0).ToList();
        return new ReleaseResult(released.Count, pending, pending > 0, released.Count == 0 ? 0 : released.Max(s => s.ReleasedAt), rounds);
    }

    /// <summary>One read; a released view records score and when it was seen on the run.</summary>
    private static async Task PollAsync(LoadApi api, StudentRun student, ErrorSamples errors, CancellationToken cancellationToken)
    {
        var readStarted = Stopwatch.GetTimestamp();
        if (await StudentViews.ReadAsync(api, student, errors, cancellationToken) is not { Status: "released" } view)
        {
            student.LastUnreleasedReadAt = readStarted;
        }
        else
        {
            student.ReleasedScore = view.Score;
            student.MaxScore = view.MaxScore;
            student.ReleasedAt = Stopwatch.GetTimestamp();
        }
    }
}
