using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Storage;

namespace EdTech.Application.Timing;

/// <summary>GET .../attempts/{attemptId}: the attempt and its last draft (to resume on another device).</summary>
public sealed class GetAttemptHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, StartAttemptHandler start, TimeProvider clock)
{
    public async Task<Outcome<AttemptView>> HandleAsync(Caller caller, string assessmentId, string attemptId, CancellationToken ct)
    {
        var attempt = await AttemptReads.FindAsync(store, assessments, access, caller, assessmentId, attemptId, ct).ConfigureAwait(false);
        if (attempt is null)
        {
            return Problem.NotFound("attempt");
        }

        var stored = attempt.Value.Attempt.Value;
        return Outcome<AttemptView>.Ok(AttemptView.Of(stored, await start.SubmissionOfAsync(caller.Tenant, stored, ct).ConfigureAwait(false), clock.GetUtcNow()));
    }
}
