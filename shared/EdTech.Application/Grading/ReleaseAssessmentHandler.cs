using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Grading;

public sealed record ReleaseAccepted(string AssessmentId, string Status);

/// <summary>
/// A teacher's "release now": starts ReleaseResults whatever the policy. Course enrollment is checked by
/// the access table's Course scope before this runs. Repeating it changes nothing (same generation, same
/// instance; the audit entry id is derived from the assessment, so only the first request is logged).
/// </summary>
public sealed class ReleaseAssessmentHandler(IDocumentStore store, IAuditLog audit, IReleaseWorkflow workflow, TimeProvider clock)
{
    public const string Releasing = "releasing";

    public async Task<Outcome<ReleaseAccepted>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        var stored = await store.GetAsync<AssessmentRecord>(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem.NotFound("assessment");
        }

        var pending = await ResultsReleaser.PendingAsync(store, caller.Tenant, stored.Value.CourseId, assessmentId, ct).ConfigureAwait(false);
        await audit.AppendAsync(caller.Tenant, GradeAudit.AssessmentReleased(stored.Value, caller.UserId, caller.Roles, clock.GetUtcNow()), ct).ConfigureAwait(false);
        await workflow.StartAsync(caller.Tenant, assessmentId, ResultsReleaser.Generation(pending), ct).ConfigureAwait(false);
        return Outcome<ReleaseAccepted>.Ok(new ReleaseAccepted(assessmentId, Releasing));
    }
}
