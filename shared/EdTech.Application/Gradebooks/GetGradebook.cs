using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Gradebooks;

public sealed record GradebookCell(string AssessmentId, string Status, decimal? Score, decimal MaxScore, string? SubmissionId);

public sealed record GradebookRow(string UserId, IReadOnlyList<GradebookCell> Assessments);

public sealed record Gradebook(string CourseId, IReadOnlyList<GradebookRow> Rows);

/// <summary>
/// One row per enrolled student, one cell per assessment; teachers see scores once graded, before release.
/// Each row read is a disclosure of that student's record, logged as one audit entry per student: the log
/// is partitioned by student, so a student's export and erasure stay one partition, and no entry names
/// a classmate.
/// </summary>
public sealed class GetGradebookHandler(IDocumentStore store, CourseAccess access, IAuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Gradebook>> HandleAsync(Caller caller, string courseId, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var students = await store.QueryAsync<EnrollmentRecord>(caller.Tenant, DocumentQuery.Where("role", Roles.Student, courseId), ct).ConfigureAwait(false);
        var assessments = await store.QueryAsync<AssessmentRecord>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        var entries = (await store.QueryAsync<GradebookEntry>(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false))
            .ToDictionary(e => e.Value.Id, e => e.Value, StringComparer.Ordinal);

        var rows = students.Select(s => new GradebookRow(s.Value.UserId, assessments.Select(a =>
        {
            var maxScore = a.Value.Assessment.MaxScore;
            return entries.TryGetValue(GradebookEntry.IdFor(courseId, s.Value.UserId, a.Value.Id), out var e)
                ? new GradebookCell(a.Value.Id, e.Status, SubmissionStatus.IsFinished(e.Status) ? e.Score : null, e.MaxScore, e.SubmissionId)
                : new GradebookCell(a.Value.Id, SubmissionStatus.NotSubmitted, null, maxScore, null);
        }).ToList())).ToList();
        await LogReadsAsync(caller, courseId, rows, ct).ConfigureAwait(false);
        return Outcome<Gradebook>.Ok(new Gradebook(courseId, rows));
    }

    private Task LogReadsAsync(Caller caller, string courseId, IReadOnlyList<GradebookRow> rows, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var roles = caller.Roles.Order(StringComparer.Ordinal).ToList();
        return Task.WhenAll(rows.Select(r => audit.AppendAsync(caller.Tenant, new AuditEntry(
            "read-" + Guid.NewGuid().ToString("n"), at, caller.UserId, roles, AuditActions.RecordRead, r.UserId, $"gradebook:{courseId}"), ct)));
    }
}
