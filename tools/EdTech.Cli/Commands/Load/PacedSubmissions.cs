using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>Submission i is due i/rate seconds after the start; at most C in flight. Latency is coordinated-omission corrected.</summary>
public sealed class PacedSubmissions(LoadApi api, string assessmentId, IReadOnlyList<StudentRun> students, ErrorSamples errors)
{
    /// <summary>Latency (ms) per submission, NaN when not acknowledged; the start-of-latency timestamp feeds the release sampler.</summary>
    public async Task<FireResult> RunAsync(double perSecond, int concurrency, Action<int, StudentRun, long> acknowledged, CancellationToken cancellationToken)
    {
        var path = $"/api/student/assessments/{Uri.EscapeDataString(assessmentId)}/submissions";
        var latencies = new double[students.Count];
        var start = Stopwatch.GetTimestamp();
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
            try
            {
                var (status, body) = await api.SendAsync(HttpMethod.Post, path, student.Token, student.Body, student.IdempotencyKey, ct);
                if (status != HttpStatusCode.Accepted)
                {
                    errors.Add($"{student.StudentId}: {(int)status} {body}");
                    return false;
                }

                student.AcknowledgedAt = Stopwatch.GetTimestamp();
                latencies[i] = Stopwatch.GetElapsedTime(t0, student.AcknowledgedAt).TotalMilliseconds;
                using var document = JsonDocument.Parse(body);
                student.SubmissionId = document.RootElement.GetProperty("submissionId").GetString();
                acknowledged(i, student, t0);
                return student.SubmissionId is not null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"{student.StudentId}: {ex.GetType().Name}: {ex.Message}");
                return false;
            }
        }, cancellationToken);
        return fire with { LatenciesMs = latencies };
    }
}
