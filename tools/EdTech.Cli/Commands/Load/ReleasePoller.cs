using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>What polling saw: how many were released, whether time ran out, and when the last one was first seen released.</summary>
public sealed record ReleaseResult(int Released, int Pending, bool TimedOut, long LastReleasedAt, int Rounds);

/// <summary>Polls each acknowledged, not yet released submission in rounds until all are released or the timeout passes.</summary>
public static class ReleasePoller
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static async Task<ReleaseResult> RunAsync(LoadApi api, IReadOnlyList<StudentRun> students, int concurrency, TimeSpan timeout, ErrorSamples errors, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pending = students.Where(s => s.SubmissionId is not null).ToList();
        var rounds = 0;
        while (pending.Count > 0 && Stopwatch.GetElapsedTime(started) < timeout)
        {
            rounds++;
            var round = pending;
            await FiringLoop.RunAsync(round.Count, concurrency, (i, ct) => PollAsync(api, round[i], errors, ct), cancellationToken);
            pending = round.Where(s => s.ReleasedAt == 0).ToList();
            if (pending.Count > 0)
            {
                await Task.Delay(Pause, cancellationToken);
            }
        }

        var released = students.Where(s => s.ReleasedAt != 0).ToList();
        return new ReleaseResult(released.Count, pending.Count, pending.Count > 0, released.Count == 0 ? 0 : released.Max(s => s.ReleasedAt), rounds);
    }

    private static async Task<bool> PollAsync(LoadApi api, StudentRun student, ErrorSamples errors, CancellationToken cancellationToken)
    {
        try
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/student/submissions/{Uri.EscapeDataString(student.SubmissionId!)}", student.Token, null, null, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                errors.Add($"{student.StudentId} {student.SubmissionId}: {(int)status} {body}");
                return false;
            }

            var view = JsonSerializer.Deserialize<SubmissionView>(body, LoadApi.Json);
            if (view?.Status != "released")
            {
                return true;
            }

            student.ReleasedScore = view.Score;
            student.MaxScore = view.MaxScore;
            student.ReleasedAt = Stopwatch.GetTimestamp();
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"{student.StudentId}: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    /// <summary>`GET /api/student/submissions/{id}`: only the fields the benchmark checks.</summary>
    public sealed record SubmissionView(string? SubmissionId, string? Status, decimal? Score, decimal? MaxScore);
}
