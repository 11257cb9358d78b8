using EdTech.Application.Access;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;

namespace EdTech.Application.Lists;

/// <summary>One assessment of a course in the teacher's list (no items: the single-assessment read has them, with keys).</summary>
public sealed record TeacherAssessmentSummary(
    string AssessmentId, string CourseId, string Title, DateTimeOffset DueAt, int GraceSeconds, int? MaxAttempts, string ReleaseMode,
    string? Category, decimal MaxScore, int ItemCount, int Version, DateTimeOffset CreatedAt, bool Published = true);

/// <summary>
/// One assessment of a course in the student's list: what a student may see of it (no items, so no prompts, keys or
/// tolerances), its deadline (due date plus grace) and whether it is still open for submissions.
/// </summary>
public sealed record StudentAssessmentSummary(
    string AssessmentId, string CourseId, string Title, DateTimeOffset DueAt, DateTimeOffset Deadline, bool Open, int? MaxAttempts,
    string? Category, decimal MaxScore, int ItemCount, int? TimeLimitSeconds = null);

/// <summary>
/// A course's assessments (GET /api/teacher/courses/{courseId}/assessments, GET /api/student/courses/{courseId}/assessments):
/// one single-partition query (assessments are partitioned by course), keyset by assessment id. A caller not enrolled in
/// the course in that role gets 404 for the course, as every course route. Teachers see drafts too (<c>published: false</c>);
/// students only published ones, filtered in the store query (<see cref="AssessmentStates.PublishedIn"/>), each saying whether it is still open.
/// </summary>
public sealed class ListCourseAssessmentsHandler(IDocumentStore store, CourseAccess access, TimeProvider clock)
{
    public Task<Outcome<Page<TeacherAssessmentSummary>>> ForTeacherAsync(Caller caller, string courseId, string? limit, string? next, CancellationToken ct) =>
        ListAsync(caller, courseId, Roles.Teacher, limit, next, r => new TeacherAssessmentSummary(
            r.Id, r.CourseId, r.Assessment.Title, r.Assessment.DueAt, r.Assessment.GraceSeconds, r.Assessment.MaxAttempts, r.Assessment.Release.Mode,
            r.Assessment.Category, r.Assessment.MaxScore, r.Assessment.Items.Count, r.Version, r.CreatedAt, r.IsPublished()), DocumentQuery.InPartition(courseId), ct);

    /// <summary>Due date, deadline, open and time limit are the student's own (their extension and extra time, docs/timing.md).</summary>
    public async Task<Outcome<Page<StudentAssessmentSummary>>> ForStudentAsync(Caller caller, string courseId, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        // An archived course accepts no submissions, so nothing in it is open.
        var archived = ResourceId.IsValid(courseId) && await access.IsArchivedAsync(caller.Tenant, courseId, ct).ConfigureAwait(false);
        // The same cached enrollment read ListAsync checks access with.
        var mine = ResourceId.IsValid(courseId) ? (await access.EnrollmentAsync(caller.Tenant, courseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false))?.Accommodation : null;
        return await ListAsync(caller, courseId, Roles.Student, limit, next, r => new StudentAssessmentSummary(
            r.Id, r.CourseId, r.Assessment.Title, StudentSchedule.DueAt(r.Assessment, mine), StudentSchedule.Deadline(r.Assessment, mine),
            !archived && now <= StudentSchedule.Deadline(r.Assessment, mine), r.Assessment.MaxAttempts,
            r.Assessment.Category, r.Assessment.MaxScore, r.Assessment.Items.Count, (int?)StudentSchedule.TimeLimit(r.Assessment, mine)?.TotalSeconds),
            AssessmentStates.PublishedIn(courseId), ct).ConfigureAwait(false);
    }

    private async Task<Outcome<Page<TView>>> ListAsync<TView>(
        Caller caller, string courseId, string role, string? limit, string? next, Func<AssessmentRecord, TView> view, DocumentQuery filter, CancellationToken ct)
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ResourceId.IsValid(courseId) || !await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, role, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var request = PageRequest.Parse(limit, next);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var rows = (await store.QueryAsync<AssessmentRecord>(caller.Tenant, filter with { Limit = size + 1, AfterId = after }, ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        return Outcome<Page<TView>>.Ok(ListPaging.Of(rows, size, view, r => r.Id));
    }
}
