using System.Net;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>A row of `GET /api/teacher/assessments/{id}/submissions` (docs/api-lists.md); <c>releasedAt</c> is read when the host sends it.</summary>
public sealed record TeacherSubmissionRow(string SubmissionId, string UserId, string Status, DateTimeOffset SubmittedAt, decimal? Score, DateTimeOffset? GradedAt, DateTimeOffset? ReleasedAt);

internal sealed record TeacherSubmissionPage(IReadOnlyList<TeacherSubmissionRow> Items, string? Next);

/// <summary>`GET /api/teacher/courses/{courseId}/gradebook`: only what the benchmarks check.</summary>
public sealed record GradebookView(IReadOnlyList<GradebookViewRow> Rows);

public sealed record GradebookViewRow(string UserId, IReadOnlyList<GradebookViewCell> Assessments);

public sealed record GradebookViewCell(string AssessmentId, string Status, decimal? Score, decimal MaxScore);

/// <summary>
/// The teacher's reads the benchmarks use. The submissions list writes nothing; a gradebook read appends one audit entry per
/// student and hour (<c>record.read</c>, coalesced), so a run reads it once before its "before" metrics and as little as possible after.
/// </summary>
public static class TeacherReads
{
    public const int PageSize = 200;

    /// <summary>Every submission of the assessment, page by page.</summary>
    public static async Task<IReadOnlyList<TeacherSubmissionRow>> SubmissionsAsync(LoadApi api, string teacherToken, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rows = new List<TeacherSubmissionRow>();
        string? next = null;
        do
        {
            var path = $"/api/teacher/assessments/{Uri.EscapeDataString(assessmentId)}/submissions?limit={PageSize}" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next));
            var page = JsonSerializer.Deserialize<TeacherSubmissionPage>(await GetAsync(api, path, teacherToken, cancellationToken), LoadApi.Json)
                ?? throw new JsonException($"GET {path}: empty body");
            rows.AddRange(page.Items);
            next = page.Next;
        }
        while (next is not null);
        return rows;
    }

    /// <summary>The statuses a submission passes through before it is released (the list's <c>status</c> filter, docs/api-lists.md).</summary>
    public static IReadOnlyList<string> NotYetReleased { get; } = ["accepted", "grading", "awaiting-review", "graded"];

    /// <summary>
    /// Whether any submission of the assessment is not released yet: one filtered page of one row per status, stopping at the first
    /// found. Far cheaper for the host than reading every row (a benchmark's poll must not slow down what it measures).
    /// </summary>
    public static async Task<bool> AnyUnreleasedAsync(LoadApi api, string teacherToken, string assessmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var status in NotYetReleased)
        {
            var path = $"/api/teacher/assessments/{Uri.EscapeDataString(assessmentId)}/submissions?status={status}&limit=1";
            var page = JsonSerializer.Deserialize<TeacherSubmissionPage>(await GetAsync(api, path, teacherToken, cancellationToken), LoadApi.Json)
                ?? throw new JsonException($"GET {path}: empty body");
            if (page.Items.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public static async Task<GradebookView> GradebookAsync(LoadApi api, string teacherToken, string courseId, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<GradebookView>(await GetAsync(api, $"/api/teacher/courses/{Uri.EscapeDataString(courseId)}/gradebook", teacherToken, cancellationToken), LoadApi.Json)
            ?? throw new JsonException("gradebook: empty body");

    private static async Task<string> GetAsync(LoadApi api, string path, string token, CancellationToken cancellationToken)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, path, token, null, null, cancellationToken);
        return status == HttpStatusCode.OK ? body : throw new HttpRequestException($"GET {path} -> {(int)status}: {(body.Length > 300 ? body[..300] : body)}");
    }
}
