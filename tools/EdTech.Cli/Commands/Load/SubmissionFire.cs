using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>The timed phase: every student submits once, C requests in flight; a 202 with a submissionId is an acknowledgement.</summary>
public static class SubmissionFire
{
    public static Task<FireResult> RunAsync(LoadApi api, string assessmentId, IReadOnlyList<StudentRun> students, int concurrency, ErrorSamples errors, CancellationToken cancellationToken)
    {
        var path = PathFor(assessmentId);
        return FiringLoop.RunAsync(students.Count, concurrency, (i, ct) => SendAsync(api, path, students[i], errors, ct), cancellationToken);
    }

    public static string PathFor(string assessmentId) => $"/api/student/assessments/{Uri.EscapeDataString(assessmentId)}/submissions";

    /// <summary>Submits once; on a 202 with a submissionId records the acknowledgement time and id on <paramref name="student"/>.</summary>
    public static async Task<bool> SendAsync(LoadApi api, string path, StudentRun student, ErrorSamples errors, CancellationToken ct)
    {
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
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !ct.IsCancellationRequested)
        {
            errors.Add($"{student.StudentId}: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    private static bool Fail(ErrorSamples errors, StudentRun student, string why)
    {
        errors.Add($"{student.StudentId}: {why}");
        return false;
    }
}
