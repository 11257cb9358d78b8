using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Gradebooks;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Gradebooks;

public sealed record GradebookCell(string AssessmentId, SubmissionStatus Status, decimal? Score, decimal MaxScore, string? SubmissionId);

/// <summary>A student's row: a cell per assessment, the weighted percent and each grading category's result (see <see cref="WeightedGrading"/>).</summary>
public sealed record GradebookRow(string UserId, IReadOnlyList<GradebookCell> Assessments, decimal? WeightedPercent, IReadOnlyList<CategoryResult> Categories);

public sealed record Gradebook(string CourseId, IReadOnlyList<GradebookRow> Rows);

/// <summary>
/// One row per enrolled student, one cell per assessment; teachers see scores once graded, before release.
/// The built gradebook is cached per course (invalidated by the gradebook projection, enrollments,
/// assessments and the grading scheme). Each row read is a disclosure of that student's record, logged
/// on every request, cached or not, as one audit entry per student: the log is partitioned by student,
/// so a student's export and erasure stay one partition, and no entry names a classmate.
/// </summary>
public sealed class GetGradebookHandler(IDocumentStore store, CourseAccess access, IAuditLog audit, TeacherQueryCache cache, CoalescedReads appended, TimeProvider clock)
{
    public async Task<Outcome<Gradebook>> HandleAsync(Caller caller, string courseId, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var gradebook = await cache.GetOrCreateAsync(caller.Tenant, $"gradebook:{courseId}", [TeacherQueryCache.CourseTag(caller.Tenant, courseId)],
            token => new ValueTask<Gradebook>(BuildAsync(caller.Tenant, courseId, token)), ct).ConfigureAwait(false);
        await LogReadsAsync(caller, courseId, gradebook.Rows, ct).ConfigureAwait(false);
        return Outcome<Gradebook>.Ok(gradebook);
    }

    private async Task<Gradebook> BuildAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var students = await store.QueryAsync<EnrollmentRecord>(tenant, DocumentQuery.Where("role", Roles.Student, courseId), ct).ConfigureAwait(false);
        var assessments = await store.QueryAsync<AssessmentRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        var scheme = (await store.GetAsync<GradingSchemeRecord>(tenant, courseId, ct).ConfigureAwait(false))?.Value.Categories ?? [];
        var categoryOf = assessments.ToDictionary(a => a.Value.Id, a => a.Value.Assessment.Category, StringComparer.Ordinal);
        var entries = (await store.QueryAsync<GradebookEntry>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false))
            .ToDictionary(e => e.Value.Id, e => e.Value, StringComparer.Ordinal);

        var rows = students.Select(s =>
        {
            var cells = assessments.Select(a =>
            {
                var maxScore = a.Value.Assessment.MaxScore;
                return entries.TryGetValue(GradebookEntry.IdFor(courseId, s.Value.UserId, a.Value.Id), out var e)
                    ? new GradebookCell(a.Value.Id, e.Status, e.Status.IsFinished() ? e.Score : null, e.MaxScore, e.SubmissionId)
                    : new GradebookCell(a.Value.Id, SubmissionStatus.NotSubmitted, null, maxScore, null);
            }).ToList();
            var grade = WeightedGrading.Compute(scheme, cells
                .Where(c => c.Score is not null)
                .Select(c => new GradedResult(c.AssessmentId, categoryOf[c.AssessmentId], c.Score!.Value, c.MaxScore)));
            return new GradebookRow(s.Value.UserId, cells, grade.WeightedPercent, grade.Categories);
        }).ToList();
        return new Gradebook(courseId, rows);
    }

    /// <summary>
    /// One audit entry per reader, student, course and clock hour (the first read of the hour): its id is derived from
    /// those, so repeated reads within the hour find it already there, on every instance alike. Entries this process appended
    /// this hour are not sent to the store again (<see cref="CoalescedReads"/>).
    /// </summary>
    private Task LogReadsAsync(Caller caller, string courseId, IReadOnlyList<GradebookRow> rows, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var hour = at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        var roles = caller.Roles.Order(StringComparer.Ordinal).ToList();
        return Task.WhenAll(rows
            .Select(r => (Row: r, Id: CoalescedReadId(caller.UserId, r.UserId, courseId, hour)))
            .Where(r => !appended.Appended(caller.Tenant, hour, r.Id))
            .Select(async r =>
            {
                await audit.AppendAsync(caller.Tenant, new AuditEntry(
                    r.Id, at, caller.UserId, roles, AuditActions.RecordRead, r.Row.UserId, $"gradebook:{courseId}"), ct).ConfigureAwait(false);
                appended.Remember(caller.Tenant, hour, r.Id);
            }));
    }

    public static string CoalescedReadId(string readerId, string studentId, string courseId, string hour)
    {
        var key = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', "gradebook", readerId, studentId, courseId, hour));
        return "read-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key))[..32];
    }
}
