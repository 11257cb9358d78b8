using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Grading.Release;

public sealed record ReleaseAccepted(string AssessmentId, string Status);

/// <summary>
/// A teacher's "release now", whatever the policy. Course enrollment is checked by the access table's Course scope
/// before this runs. The request is durable before the 202: the assessment's release record (students see their
/// scores from then on) and <see cref="AssessmentRecord.ReleasedAt"/> are written here, and the per-submission
/// bookkeeping is started by the change feed (<see cref="StartReleaseOnRequest"/>), re-driven after a crash by the
/// start-up and timer sweeps (<see cref="DueResultsReleaser"/>). Repeating it changes nothing (both writes are
/// create-once / set-once; the audit entry id is derived from the assessment, so only the first request is logged).
/// </summary>
public sealed class ReleaseAssessmentHandler(IDocumentStore store, IAuditLog audit, ResultsReleaser releaser, TimeProvider clock)
{
    public const string Releasing = "releasing";

    public async Task<Outcome<ReleaseAccepted>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        var stored = await store.GetAsync<AssessmentRecord>(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem.NotFound("assessment");
        }

        await audit.AppendAsync(caller.Tenant, GradeAudit.AssessmentReleased(stored.Value, caller.UserId, caller.Roles, clock.GetUtcNow()), ct).ConfigureAwait(false);
        await releaser.MarkReleasedAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        return Outcome<ReleaseAccepted>.Ok(new ReleaseAccepted(assessmentId, Releasing));
    }
}
