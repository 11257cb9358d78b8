using EdTech.Application.Access;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Learning;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Dashboard;

/// <summary>
/// The student's landing page, from read models only: enrollments (via <see cref="CourseAccess"/>), courses, assessments,
/// the student's own submission views (one partition read) with the same release rule as
/// <see cref="GetStudentSubmissionHandler"/>, and the learner model's cached recommendations and mastery.
/// Never reads the submissions write model.
/// </summary>
public sealed class GetStudentDashboardHandler(IDocumentStore store, CourseAccess access, GetRecommendationsHandler learning, TimeProvider clock)
{
    public const int MaxRecentGrades = 10;

    public async Task<StudentDashboard> HandleAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var courseIds = await access.CoursesOfAsync(caller.Tenant, caller.UserId, Roles.Student, ct).ConfigureAwait(false);
        var views = (await store.QueryAsync<SubmissionViewRecord>(caller.Tenant, DocumentQuery.InPartition(caller.UserId), ct).ConfigureAwait(false))
            .Select(v => v.Value).Where(v => v.UserId == caller.UserId).ToList();

        var courses = new List<DashboardCourse>(courseIds.Count);
        var open = new List<OpenAssessment>();
        var now = clock.GetUtcNow();
        foreach (var courseId in courseIds)
        {
            var course = await store.GetAsync<CourseRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false);
            if (course is null)
            {
                continue;
            }

            courses.Add(new DashboardCourse(courseId, course.Value.Title));
            var assessments = await store.QueryAsync<AssessmentRecord>(caller.Tenant, AssessmentStates.PublishedIn(courseId), ct).ConfigureAwait(false);
            var archived = course.Value.ArchivedAt is not null;
            open.AddRange(assessments.Select(a => a.Value.Assessment)
                .Where(a => !archived && now <= a.Deadline)
                .Select(a => new OpenAssessment(a.Id, courseId, a.Title, a.DueAt, views.Count(v => v.AssessmentId == a.Id), a.MaxAttempts)));
        }

        var grades = await RecentGradesAsync(caller.Tenant, views, ct).ConfigureAwait(false);
        var learner = await learning.DashboardAsync(caller, ct).ConfigureAwait(false);
        return new StudentDashboard(courses, [.. open.OrderBy(o => o.DueAt).ThenBy(o => o.AssessmentId, StringComparer.Ordinal)], grades, learner.Recommendations, learner.Mastery);
    }

    /// <summary>Released results, newest first: each view goes through <see cref="GetStudentSubmissionHandler.ToStudent"/>.</summary>
    private async Task<IReadOnlyList<RecentGrade>> RecentGradesAsync(TenantId tenant, IReadOnlyList<SubmissionViewRecord> views, CancellationToken ct)
    {
        var scored = views.Where(v => v.Status is SubmissionStatus.Graded or SubmissionStatus.Released).ToList();
        var releases = new Dictionary<string, AssessmentReleaseRecord?>(StringComparer.Ordinal);
        foreach (var (assessmentId, courseId) in scored.Select(v => (v.AssessmentId, v.CourseId)).Distinct())
        {
            releases[assessmentId] = (await store.GetAsync<AssessmentReleaseRecord>(tenant, assessmentId, courseId, ct).ConfigureAwait(false))?.Value;
        }

        return
        [
            .. scored
                .Select(v => (View: v, Student: GetStudentSubmissionHandler.ToStudent(v, releases[v.AssessmentId] is not null), ReleasedAt: releases[v.AssessmentId]?.ReleasedAt))
                .Where(g => g.Student.Status == SubmissionStatus.Released && g.Student.Score is not null)
                .OrderByDescending(g => g.ReleasedAt ?? g.View.SubmittedAt)
                .ThenByDescending(g => g.View.SubmittedAt)
                .ThenBy(g => g.View.Id, StringComparer.Ordinal)
                .Take(MaxRecentGrades)
                .Select(g => new RecentGrade(g.View.AssessmentId, g.View.Id, g.Student.Score!.Value, g.Student.MaxScore ?? g.View.MaxScore, g.ReleasedAt)),
        ];
    }
}
