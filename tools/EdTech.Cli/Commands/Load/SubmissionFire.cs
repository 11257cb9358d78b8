using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>The timed phase: every student submits once, C requests in flight; a 202 with a submissionId is an acknowledgement.</summary>
public static class SubmissionFire
{
    public static Task<FireResult> RunAsync(LoadApi api, string assessmentId, IReadOnlyList<StudentRun> students, int concurrency, ErrorSamples errors, CancellationToken cancellationToken)
    {
        var path = $"/api/student/assessments/{Uri.EscapeDataString(assessmentId)}/submissions";
        return FiringLoop.RunAsync(students.Count, concurrency, async (i, ct) =>
        {
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
                using var document = JsonDocument.Parse(body);
                student.SubmissionId = document.RootElement.GetProperty("submissionId").GetString();
                return student.SubmissionId is not null || Fail(errors, student, "202 without submissionId");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"{student.StudentId}: {ex.GetType().Name}: {ex.Message}");
                return false;
            }
        }, cancellationToken);
    }

    private static bool Fail(ErrorSamples errors, StudentRun student, string why)
    {
        errors.Add($"{student.StudentId}: {why}");
        return false;
    }
}
