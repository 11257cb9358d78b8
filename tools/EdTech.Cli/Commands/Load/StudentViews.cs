using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>`GET /api/student/submissions/{id}`: only the fields the benchmarks check.</summary>
public sealed record StudentSubmissionView(string? SubmissionId, string? Status, decimal? Score, decimal? MaxScore);

/// <summary>Reads a student's view of their submission as the load commands poll it; a failed read is recorded and reads as null.</summary>
public static class StudentViews
{
    public static async Task<StudentSubmissionView?> ReadAsync(LoadApi api, StudentRun run, ErrorSamples errors, CancellationToken cancellationToken)
    {
        try
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/student/submissions/{Uri.EscapeDataString(run.SubmissionId!)}", run.Token, null, null, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                errors.Add($"{run.StudentId} {run.SubmissionId}: {(int)status} {body}");
                return null;
            }

            return JsonSerializer.Deserialize<StudentSubmissionView>(body, LoadApi.Json);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"{run.StudentId} {run.SubmissionId}: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }
}

/// <summary>Polls items in rounds (each round only those not yet done, a short pause between) until all are done or the timeout passes.</summary>
public static class PollRounds
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <param name="pollIsDone">One read of one item: whether it is now done.</param>
    /// <returns>How many were still not done, and how many rounds ran.</returns>
    public static async Task<(int Pending, int Rounds)> RunAsync<T>(IReadOnlyList<T> items, int concurrency, TimeSpan timeout,
        Func<T, CancellationToken, Task<bool>> pollIsDone, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pending = items.ToList();
        var rounds = 0;
        while (pending.Count > 0 && Stopwatch.GetElapsedTime(started) < timeout)
        {
            rounds++;
            var round = pending;
            var done = new bool[round.Count];
            await FiringLoop.RunAsync(round.Count, concurrency, async (k, ct) =>
            {
                done[k] = await pollIsDone(round[k], ct);
                return true;
            }, cancellationToken);
            pending = round.Where((_, k) => !done[k]).ToList();
            if (pending.Count > 0)
            {
                await Task.Delay(Pause, cancellationToken);
            }
        }

        return (pending.Count, rounds);
    }
}
