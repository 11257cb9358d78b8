using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Submissions;

public sealed record AnswerInput(string? ItemId, AnswerValue? Value);

public sealed record SubmitAttemptCommand(IReadOnlyList<AnswerInput>? Answers);

public sealed record SubmissionAccepted(string SubmissionId, string Status);

/// <summary>
/// The 202 path: validate and persist, nothing else. The change feed starts grading, so intake never
/// waits on the durable engine and a crash between the two steps is healed by the feed's checkpoint.
/// </summary>
public sealed class SubmitAttemptHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, TimeProvider clock, ILogger<SubmitAttemptHandler> logger)
{
    public async Task<Outcome<SubmissionAccepted>> HandleAsync(Caller caller, string assessmentId, SubmitAttemptCommand command, string? idempotencyKey, CancellationToken ct)
    {
        // The server's receive time decides lateness; taken first so validation time never counts against the student.
        var receivedAt = clock.GetUtcNow();
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        if (record is null || !await access.IsEnrolledAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return Problem.Invalid("Idempotency-Key", "1 to 200 characters.");
        }

        var assessment = record.Assessment;
        var v = SubmitAttemptValidator.Validate(assessment, command);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var submissionId = SubmissionIds.For(caller.UserId, assessmentId, idempotencyKey);
        if (idempotencyKey is not null && await store.GetAsync<SubmissionRecord>(caller.Tenant, submissionId, record.CourseId, ct).ConfigureAwait(false) is { } retry)
        {
            return Outcome<SubmissionAccepted>.Ok(new SubmissionAccepted(retry.Value.Id, retry.Value.Status));
        }

        if (assessment.MaxAttempts is { } max && await CountAttemptsAsync(caller, record, ct).ConfigureAwait(false) >= max)
        {
            return Problem.Conflict($"The assessment allows {max} attempt(s); all are used.");
        }

        var submission = new SubmissionRecord(submissionId, assessmentId, record.Version, assessment.CourseId, caller.UserId,
            command.Answers!.Select(a => new SubmittedAnswer(a.ItemId!, a.Value)).ToList(), receivedAt, assessment.IsLate(receivedAt),
            SubmissionStatus.Accepted, assessment.MaxScore, idempotencyKey);
        // The initial read-model view goes with the submission (both in the same group commit, in practice), so
        // the student's read never needs the write model. Create never overwrites: if the projection got there
        // first, its newer view stands; if this view lands and the submission does not, a retry with the key heals it.
        var view = SubmissionProjection.ToView(submission, sequence: 0);
        var viewWrite = store.CreateAsync(caller.Tenant, view, ct);
        var submissionWrite = store.CreateAsync(caller.Tenant, submission, ct);
        await Task.WhenAll(viewWrite, submissionWrite).ConfigureAwait(false);
        var (status, stored) = await submissionWrite.ConfigureAwait(false);
        logger.LogInformation("Accepted {SubmissionId} for {AssessmentId} in {TenantId} ({WriteStatus})", submissionId, assessmentId, caller.Tenant, status);
        return new Outcome<SubmissionAccepted>(new SubmissionAccepted(stored!.Value.Id, stored.Value.Status), null, Created: status == WriteStatus.Created);
    }

    private async Task<int> CountAttemptsAsync(Caller caller, AssessmentRecord assessment, CancellationToken ct)
    {
        var query = new DocumentQuery(assessment.CourseId, new Dictionary<string, string> { ["assessmentId"] = assessment.Id, ["userId"] = caller.UserId });
        var attempts = await store.QueryAsync(caller.Tenant, Containers.Submissions, query, ct).ConfigureAwait(false);
        return attempts.Count;
    }
}
