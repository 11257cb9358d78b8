using EdTech.Domain.Serialization;
using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Lists;

/// <summary>One submission of an assessment in the teacher's list (no answers: the single-submission read has them).</summary>
public sealed record TeacherSubmissionSummary(
    string SubmissionId, string AssessmentId, string UserId, SubmissionStatus Status, bool Late, DateTimeOffset SubmittedAt, int AssessmentVersion,
    decimal? Score, decimal MaxScore, DateTimeOffset? GradedAt);

/// <summary>
/// Submission lists. The teacher's (GET /api/teacher/assessments/{assessmentId}/submissions?status=): one query in the course's
/// partition of the submissions (the write model) on <c>assessmentId</c> and optionally <c>status</c> (both indexed), keyset by
/// submission id. The student's own (GET /api/student/submissions): one query in the student's partition of the submission
/// views, keyset by submission id, each shown as the single read shows it (score only once released).
/// </summary>
public sealed class ListSubmissionsHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access)
{
    /// <summary>The statuses a stored submission can have, the values <c>?status=</c> accepts.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
        [.. new[] { SubmissionStatus.Accepted, SubmissionStatus.Grading, SubmissionStatus.AwaitingReview, SubmissionStatus.Graded, SubmissionStatus.Released }.Select(s => s.Wire())];

    public async Task<Outcome<Page<TeacherSubmissionSummary>>> ForTeacherAsync(
        Caller caller, string assessmentId, string? status, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = ResourceId.IsValid(assessmentId) ? await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false) : null;
        if (record is null || !await access.IsEnrolledAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        var request = PageRequest.Parse(limit, next);
        var v = new Validation().Require(status is null || Statuses.Contains(status, StringComparer.Ordinal), "status", $"One of {string.Join(", ", Statuses)}.");
        foreach (var (field, messages) in request.Problem?.Errors ?? new Dictionary<string, string[]>())
        {
            v.Add(field, messages[0]);
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (size, after) = request.Value!;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["assessmentId"] = assessmentId };
        if (status is not null)
        {
            fields["status"] = status;
        }

        var rows = (await store.QueryAsync<SubmissionRecord>(caller.Tenant, new DocumentQuery(record.CourseId, fields, size + 1, after), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        return Outcome<Page<TeacherSubmissionSummary>>.Ok(ListPaging.Of(rows, size,
            s => new TeacherSubmissionSummary(s.Id, s.AssessmentId, s.UserId, s.Status, s.Late, s.ReceivedAt, s.AssessmentVersion, s.Score, s.MaxScore, s.GradedAt),
            s => s.Id));
    }

    public async Task<Outcome<Page<StudentSubmissionView>>> ForStudentAsync(Caller caller, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = PageRequest.Parse(limit, next);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var rows = (await store.QueryAsync<SubmissionViewRecord>(caller.Tenant, new DocumentQuery(caller.UserId, null, size + 1, after), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        // Whether each assessment on the page is released: one point read per distinct assessment, not per submission.
        var released = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var view in rows.Take(size).Where(v => v.UserId == caller.UserId && v.Status == SubmissionStatus.Graded))
        {
            if (!released.ContainsKey(view.AssessmentId))
            {
                released[view.AssessmentId] = await GetStudentSubmissionHandler.IsAssessmentReleasedAsync(store, caller.Tenant, view.AssessmentId, view.CourseId, ct).ConfigureAwait(false);
            }
        }

        return Outcome<Page<StudentSubmissionView>>.Ok(ListPaging.Of(rows, size,
            v => v.UserId == caller.UserId ? GetStudentSubmissionHandler.ToStudent(v, released.GetValueOrDefault(v.AssessmentId)) : null,
            v => v.Id));
    }
}
