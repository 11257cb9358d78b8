using EdTech.Application.Common;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Timing;
using EdTech.Domain.Timing;

namespace EdTech.Application.Submissions;

/// <summary>
/// A submit that ends an attempt (docs/timing.md): one point read of the attempt, then the attempt's one submission id
/// (<see cref="AttemptIds.SubmissionOf"/>), created conditionally, so a student's submit racing the auto-submit timer yields
/// exactly one submission. Over time (after the attempt's end plus grace) it is accepted and marked; an auto-submit
/// attempt's timer submits at that instant, so the student's later submit finds it submitted (409).
/// </summary>
public sealed partial class SubmitAttemptHandler
{
    private async Task<Outcome<SubmissionAccepted>> SubmitForAttemptAsync(Intake intake, string attemptId, bool autoSubmitted, CancellationToken ct)
    {
        var (caller, record) = (intake.Caller, intake.Record);
        var attempt = ResourceIdOk(attemptId) ? await store.GetAsync<AttemptRecord>(caller.Tenant, attemptId, record.CourseId, ct).ConfigureAwait(false) : null;
        if (attempt is null || attempt.Value.UserId != caller.UserId || attempt.Value.AssessmentId != record.Id)
        {
            return Problem.Invalid("attemptId", "Not an attempt of yours on this assessment.");
        }

        var id = AttemptIds.SubmissionOf(attemptId);
        if (await store.GetAsync<SubmissionRecord>(caller.Tenant, id, record.CourseId, ct).ConfigureAwait(false) is { } existing)
        {
            return AlreadySubmitted(existing.Value, intake);
        }

        // The cap is enforced when an attempt starts; this catches plain submits made while the attempt ran.
        if (record.Assessment.MaxAttempts is { } max && (await AttemptsAsync(caller, record, ct).ConfigureAwait(false)).Count >= max)
        {
            return Problem.Conflict($"The assessment allows {max} attempt(s); all are used.");
        }

        var submission = NewSubmission(id, intake) with
        {
            AttemptId = attemptId,
            OverTime = !autoSubmitted && StudentSchedule.IsOverTime(attempt.Value.EndsAt, intake.ReceivedAt),
            AutoSubmitted = autoSubmitted,
        };
        var (status, stored) = await store.CreateAsync(caller.Tenant, submission, ct).ConfigureAwait(false);
        if (status != WriteStatus.Created)
        {
            return AlreadySubmitted(stored!.Value, intake);
        }

        await store.CreateAsync(caller.Tenant, SubmissionViews.ToView(submission, sequence: 0), ct).ConfigureAwait(false);
        await MarkSubmittedAsync(caller, attempt, submission, ct).ConfigureAwait(false);
        return Accepted(caller, status, stored!.Value);
    }

    /// <summary>The attempt's submission exists: the same request again (same Idempotency-Key) is a retry, anything else a conflict.</summary>
    private static Outcome<SubmissionAccepted> AlreadySubmitted(SubmissionRecord stored, Intake intake) =>
        intake.IdempotencyKey is not null && stored.IdempotencyKey == intake.IdempotencyKey
            ? Retry(stored, intake.BodyHash)
            : Problem.Conflict(stored.AutoSubmitted
                ? "The attempt was submitted automatically when its time ran out."
                : "The attempt was already submitted.");

    /// <summary>
    /// Records the submission on the attempt (ETag-conditional; a draft saved meanwhile is re-read). Only a convenience for
    /// reads: whether an attempt is submitted is decided by its submission's existence, so a lost mark changes nothing.
    /// </summary>
    private async Task MarkSubmittedAsync(Caller caller, Versioned<AttemptRecord> attempt, SubmissionRecord submission, CancellationToken ct)
    {
        var current = attempt;
        for (var i = 0; i < 3 && current is not null && current.Value.SubmissionId is null; i++)
        {
            var marked = current.Value with { SubmissionId = submission.Id, SubmittedAt = submission.ReceivedAt };
            var (status, _) = await store.ReplaceAsync(caller.Tenant, marked, current.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                return;
            }

            current = await store.GetAsync<AttemptRecord>(caller.Tenant, attempt.Value.Id, attempt.Value.CourseId, ct).ConfigureAwait(false);
        }
    }

    private static bool ResourceIdOk(string id) => Domain.Tenancy.ResourceId.IsValid(id);
}
