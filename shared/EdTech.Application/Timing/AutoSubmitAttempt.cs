using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Timing;

/// <summary>
/// The auto-submit timer's step (docs/timing.md): when an auto-submit attempt's end plus grace has passed and it has no
/// submission, submits its last draft (or no answers) through the same submit path as the student, received at the
/// attempt's end (so an attempt cut at the deadline is on time). Answers the assessment no longer accepts (an item removed
/// by a later edit) are dropped. Idempotent: the attempt's one submission id makes a repeat, or a racing student submit, a no-op.
/// </summary>
public sealed class AutoSubmitAttemptHandler(IDocumentStore store, SubmitAttemptHandler submit, TimeProvider clock, ILogger<AutoSubmitAttemptHandler> logger)
{
    public async Task<AutoSubmitOutcome> HandleAsync(TenantId tenant, string courseId, string attemptId, CancellationToken ct)
    {
        var stored = await store.GetAsync<AttemptRecord>(tenant, attemptId, courseId, ct).ConfigureAwait(false);
        if (stored?.Value is not { OverTime: OverTimePolicy.AutoSubmit, EndsAt: { } end, SubmissionId: null } attempt)
        {
            return new AutoSubmitOutcome(Submitted: false);
        }

        var due = StudentSchedule.AutoSubmitAt(end);
        if (clock.GetUtcNow() < due)
        {
            return new AutoSubmitOutcome(Submitted: false, NotBefore: due);
        }

        var student = new Caller(tenant, attempt.UserId, new HashSet<string> { Roles.Student });
        var record = await store.GetAsync<AssessmentRecord>(tenant, attempt.AssessmentId, courseId, ct).ConfigureAwait(false);
        var answers = (attempt.DraftAnswers ?? [])
            .Select(a => new AnswerInput(a.ItemId, a.Value))
            .Where(a => record is not null && SubmitAttemptValidator.Validate(record.Value.Assessment, new SubmitAttemptCommand([a])).IsValid)
            .ToList();
        var outcome = await submit.SubmitAsync(student, attempt.AssessmentId, new SubmitAttemptCommand(answers, attempt.Id), null, end, autoSubmitted: true, ct).ConfigureAwait(false);
        if (outcome.Problem is { } problem)
        {
            // Already submitted (the student won the race), unenrolled, or the assessment is gone: nothing left to submit.
            logger.LogInformation("Auto-submit of {AttemptId} in {TenantId} not needed: {Problem}", attemptId, tenant, problem.Detail ?? problem.Title);
            return new AutoSubmitOutcome(Submitted: false);
        }

        logger.LogInformation("Auto-submitted {AttemptId} as {SubmissionId} in {TenantId}", attemptId, outcome.Value!.SubmissionId, tenant);
        return new AutoSubmitOutcome(Submitted: outcome.Created);
    }
}
