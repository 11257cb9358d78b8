using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Review;

/// <summary>
/// A teacher's read of one submission (write model, with its ETag, since grading is conditional on it).
/// Only teachers of the submission's course see it; anyone else gets 404. The read is a disclosure of a
/// student's record, so it is logged like the gradebook's.
/// </summary>
public sealed class GetTeacherSubmissionHandler(IDocumentStore store, CourseAccess access, IAuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<TeacherSubmission>> HandleAsync(Caller caller, string submissionId, CancellationToken ct)
    {
        var stored = await store.GetAsync<SubmissionRecord>(caller.Tenant, submissionId, ct).ConfigureAwait(false);
        if (stored is null || !await access.IsEnrolledAsync(caller.Tenant, stored.Value.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("submission");
        }

        await audit.AppendAsync(caller.Tenant, new AuditEntry(
            "read-" + Guid.NewGuid().ToString("n"), clock.GetUtcNow(), caller.UserId, caller.Roles.Order(StringComparer.Ordinal).ToList(),
            AuditActions.RecordRead, stored.Value.UserId, $"submission:{submissionId}"), ct).ConfigureAwait(false);
        return Outcome<TeacherSubmission>.Ok(new TeacherSubmission(TeacherSubmissionView.Of(stored.Value), stored.ETag));
    }
}
