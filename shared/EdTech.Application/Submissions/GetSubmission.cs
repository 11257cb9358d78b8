using EdTech.Application.Common;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Submissions;

/// <summary>API.md's student view: the score only once released; <see cref="Rubrics"/> (single read only) the rubric feedback, also only once released.</summary>
public sealed record StudentSubmissionView(string SubmissionId, string AssessmentId, SubmissionStatus Status, bool Late, DateTimeOffset SubmittedAt, decimal? Score, decimal? MaxScore,
    IReadOnlyList<Rubrics.StudentRubricFeedback>? Rubrics = null);

/// <summary>
/// Reads only read models: the submission view (written first by intake, then kept by the projection) and the
/// assessment's release record. No fallback to the write model: intake writes the initial view with the
/// submission, so an acknowledged submission always has one. A graded submission of a released assessment is
/// shown as released with its score, whether or not its own release bookkeeping has run yet (atomic release).
/// </summary>
public sealed class GetStudentSubmissionHandler(IDocumentStore store)
{
    public async Task<Outcome<StudentSubmissionView>> HandleAsync(Caller caller, string submissionId, CancellationToken ct)
    {
        var view = await store.GetAsync<SubmissionViewRecord>(caller.Tenant, submissionId, caller.UserId, ct).ConfigureAwait(false);
        if (view is null || view.Value.UserId != caller.UserId)
        {
            return Problem.NotFound("submission");
        }

        var released = view.Value.Status == SubmissionStatus.Graded && await IsAssessmentReleasedAsync(store, caller.Tenant, view.Value.AssessmentId, view.Value.CourseId, ct).ConfigureAwait(false);
        var student = ToStudent(view.Value, released);
        return Outcome<StudentSubmissionView>.Ok(student.Status == SubmissionStatus.Released
            ? student with { Rubrics = await Rubrics.StudentRubricFeedback.ReadAsync(store, caller.Tenant, view.Value, ct).ConfigureAwait(false) }
            : student);
    }

    public static async Task<bool> IsAssessmentReleasedAsync(IDocumentStore store, TenantId tenant, string assessmentId, string courseId, CancellationToken ct) =>
        await store.GetAsync<AssessmentReleaseRecord>(tenant, assessmentId, courseId, ct).ConfigureAwait(false) is not null;

    /// <summary>The student's view of one submission view; the dashboard's recent grades use the same rule.</summary>
    public static StudentSubmissionView ToStudent(SubmissionViewRecord v, bool assessmentReleased)
    {
        var visible = AssessmentReleases.IsVisible(v.Status, assessmentReleased);
        return new StudentSubmissionView(v.Id, v.AssessmentId, visible ? SubmissionStatus.Released : v.Status, v.Late, v.SubmittedAt,
            visible ? v.Score : null, visible ? v.MaxScore : null);
    }
}
