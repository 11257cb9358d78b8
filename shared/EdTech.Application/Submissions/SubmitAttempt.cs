using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Application.Timing;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Submissions;

public sealed record AnswerInput(string? ItemId, AnswerValue? Value);

/// <summary>The submit body; <see cref="AttemptId"/> (docs/timing.md) names the attempt it ends: required on a timed assessment, optional otherwise.</summary>
public sealed record SubmitAttemptCommand(IReadOnlyList<AnswerInput>? Answers, string? AttemptId = null);

public sealed record SubmissionAccepted(string SubmissionId, SubmissionStatus Status);

/// <summary>
/// The 202 path: validate and persist, nothing else. The change feed starts grading, so intake never
/// waits on the durable engine and a crash between the two steps is healed by the feed's checkpoint.
/// The student's accommodation (extension) rides on the enrollment this path reads anyway (cached), so lateness by the
/// student's own deadline costs no extra read; only a submit naming an attempt reads that attempt (one point read).
/// </summary>
public sealed partial class SubmitAttemptHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, TimeProvider clock, ILogger<SubmitAttemptHandler> logger)
{
    public async Task<Outcome<SubmissionAccepted>> HandleAsync(Caller caller, string assessmentId, SubmitAttemptCommand command, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // The server's receive time decides lateness; taken first so validation time never counts against the student.
        var outcome = await SubmitAsync(caller, assessmentId, command, idempotencyKey, clock.GetUtcNow(), autoSubmitted: false, ct).ConfigureAwait(false);
        if (outcome.Problem is { } problem)
        {
            SubmissionMetrics.Rejected(caller.Tenant, problem);
        }
        else if (outcome.Created)
        {
            SubmissionMetrics.Accepted(caller.Tenant);
        }

        return outcome;
    }

    /// <summary>The one submit path, for the student and for an attempt's auto-submit (which passes the attempt's end as the receive time).</summary>
    internal async Task<Outcome<SubmissionAccepted>> SubmitAsync(
        Caller caller, string assessmentId, SubmitAttemptCommand command, string? idempotencyKey, DateTimeOffset receivedAt, bool autoSubmitted, CancellationToken ct)
    {
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        var enrollment = record is null ? null : await access.EnrollmentAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false);
        if (record is null || enrollment is null)
        {
            return Problem.NotFound("assessment");
        }

        if (await SubmitLifecycle.RefusedAsync(access, caller, record, ct).ConfigureAwait(false) is { } refused)
        {
            return refused;
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

        var answers = command.Answers!.Select(a => new SubmittedAnswer(a.ItemId!, a.Value)).ToList();
        var bodyHash = SubmissionBodyHash.Of(answers);
        var intake = new Intake(caller, record, enrollment.Accommodation, answers, bodyHash, receivedAt, idempotencyKey);
        if (command.AttemptId is { } attemptId)
        {
            return await SubmitForAttemptAsync(intake, attemptId, autoSubmitted, ct).ConfigureAwait(false);
        }

        if (assessment.TimeLimitSeconds is not null)
        {
            return Problem.Invalid("attemptId", "Required: the assessment is timed; start an attempt (POST .../attempts) and submit with its id.");
        }

        if (assessment.MaxAttempts is { } max)
        {
            return await SubmitCappedAsync(intake, max, ct).ConfigureAwait(false);
        }

        var submissionId = SubmissionIds.For(caller.UserId, assessmentId, idempotencyKey);
        if (idempotencyKey is not null)
        {
            var (keyUse, keyedId) = await KeyedIdAsync(caller, record, idempotencyKey, bodyHash, receivedAt, ct).ConfigureAwait(false);
            if (keyUse is not null)
            {
                return keyUse;
            }

            submissionId = keyedId;
        }

        var submission = NewSubmission(submissionId, intake);
        // The initial read-model view goes with the submission (both in the same group commit, in practice), so
        // the student's read never needs the write model. Create never overwrites: if the projection got there
        // first, its newer view stands; if this view lands and the submission does not, a retry with the key heals it.
        var view = SubmissionViews.ToView(submission, sequence: 0);
        var viewWrite = store.CreateAsync(caller.Tenant, view, ct);
        var submissionWrite = store.CreateAsync(caller.Tenant, submission, ct);
        await Task.WhenAll(viewWrite, submissionWrite).ConfigureAwait(false);
        var (status, stored) = await submissionWrite.ConfigureAwait(false);
        if (status == WriteStatus.Created && !await SubmitLifecycle.KeptAsync(store, caller, submission).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        // A concurrent submit with the same key won the create: a retry if the bodies match, else 422 (its view stands).
        return status == WriteStatus.AlreadyExists ? Retry(stored!.Value, bodyHash) : Accepted(caller, status, stored!.Value);
    }

    /// <summary>What one submit carries through the paths below.</summary>
    private sealed record Intake(
        Caller Caller, AssessmentRecord Record, Accommodation? Accommodation, IReadOnlyList<SubmittedAnswer> Answers, string BodyHash, DateTimeOffset ReceivedAt, string? IdempotencyKey);

    /// <summary>
    /// With maxAttempts the attempt is the id (<see cref="SubmissionIds.ForAttempt"/>): the submission is created in the
    /// first free attempt with a conditional create, so concurrent submits on any number of instances can never take more
    /// than max attempts (a lost race moves on to the next attempt). The same Idempotency-Key finds its own submission
    /// among the student's attempts, also when a concurrent retry won the create. The view is written only after the
    /// attempt is won (the change feed writes it too), so it never shows another request's submission.
    /// </summary>
    private async Task<Outcome<SubmissionAccepted>> SubmitCappedAsync(Intake intake, int max, CancellationToken ct)
    {
        var (caller, record, idempotencyKey, bodyHash) = (intake.Caller, intake.Record, intake.IdempotencyKey, intake.BodyHash);
        var mine = await AttemptsAsync(caller, record, ct).ConfigureAwait(false);
        if (idempotencyKey is not null)
        {
            var (use, original) = IdempotencyKeyWindow.Decide(mine.Where(s => s.IdempotencyKey == idempotencyKey), bodyHash, intake.ReceivedAt);
            if (use != KeyUse.New)
            {
                return Retry(original!, bodyHash);
            }
        }

        // Submissions made before attempts had ids (random or key-derived) still count against the cap.
        var taken = mine.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var prefix = SubmissionIds.AttemptPrefix(caller.UserId, record.Id);
        var slots = max - mine.Count(s => !s.Id.StartsWith(prefix, StringComparison.Ordinal));
        for (var n = 1; n <= slots; n++)
        {
            var id = SubmissionIds.ForAttempt(caller.UserId, record.Id, n);
            if (taken.Contains(id))
            {
                continue;
            }

            var submission = NewSubmission(id, intake);
            var (status, stored) = await store.CreateAsync(caller.Tenant, submission, ct).ConfigureAwait(false);
            if (status == WriteStatus.Created)
            {
                await store.CreateAsync(caller.Tenant, SubmissionViews.ToView(submission, sequence: 0), ct).ConfigureAwait(false);
                return await SubmitLifecycle.KeptAsync(store, caller, submission).ConfigureAwait(false)
                    ? Accepted(caller, status, stored!.Value)
                    : Problem.NotFound("assessment");
            }

            if (idempotencyKey is not null && stored!.Value.IdempotencyKey == idempotencyKey)
            {
                return Retry(stored.Value, bodyHash);
            }
        }

        return Problem.Conflict($"The assessment allows {max} attempt(s); all are used.");
    }

    /// <summary>
    /// Without maxAttempts the key derives the id: use <c>n</c> of a key is <see cref="SubmissionIds.For(string, string, string, int)"/>
    /// with <c>n</c>, so finding the key's submissions is point reads in order (one, unless the key was reused after its
    /// window). Returns the answer when the key decides it (a retry, or 422 within the window), else the id to create.
    /// </summary>
    private async Task<(Outcome<SubmissionAccepted>? Answer, string Id)> KeyedIdAsync(
        Caller caller, AssessmentRecord record, string idempotencyKey, string bodyHash, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var seen = new List<SubmissionRecord>();
        for (var use = 0; use < IdempotencyKeyWindow.MaxUses; use++)
        {
            var id = SubmissionIds.For(caller.UserId, record.Id, idempotencyKey, use);
            if (await store.GetAsync<SubmissionRecord>(caller.Tenant, id, record.CourseId, ct).ConfigureAwait(false) is not { } stored)
            {
                return (null, id);
            }

            seen.Add(stored.Value);
            var (keyUse, original) = IdempotencyKeyWindow.Decide(seen, bodyHash, receivedAt);
            if (keyUse != KeyUse.New)
            {
                return (Retry(original!, bodyHash), id);
            }
        }

        return (Problem.Invalid("Idempotency-Key", $"Used for {IdempotencyKeyWindow.MaxUses} submissions already; send a new key."), string.Empty);
    }

    /// <summary>Late by the student's own deadline (their extension, if any, which is kept on the submission for the late penalty).</summary>
    private static SubmissionRecord NewSubmission(string id, Intake intake)
    {
        var (record, accommodation, receivedAt) = (intake.Record, intake.Accommodation, intake.ReceivedAt);
        return new(id, record.Id, record.Version, record.CourseId, intake.Caller.UserId, intake.Answers, receivedAt,
            StudentSchedule.IsLate(record.Assessment, accommodation, receivedAt), SubmissionStatus.Accepted, record.Assessment.MaxScore, intake.IdempotencyKey,
            BodyHash: intake.BodyHash, ExtendedDeadline: StudentSchedule.ExtendedDeadline(record.Assessment, accommodation));
    }

    /// <summary>The same Idempotency-Key again: the original submission if the body is the same, else 422 naming the header.</summary>
    private static Outcome<SubmissionAccepted> Retry(SubmissionRecord stored, string bodyHash) =>
        SubmissionBodyHash.Matches(stored, bodyHash)
            ? Outcome<SubmissionAccepted>.Ok(new SubmissionAccepted(stored.Id, stored.Status))
            : Problem.Invalid("Idempotency-Key", "Already used with a different body.");

    private Outcome<SubmissionAccepted> Accepted(Caller caller, WriteStatus status, SubmissionRecord stored)
    {
        // Source-generated: nothing is allocated or boxed for this per-request line when Information is off (exam peaks).
        LogAccepted(logger, stored.Id, stored.AssessmentId, caller.Tenant, status);
        return new Outcome<SubmissionAccepted>(new SubmissionAccepted(stored.Id, stored.Status), null, Created: status == WriteStatus.Created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {SubmissionId} for {AssessmentId} in {TenantId} ({WriteStatus})")]
    private static partial void LogAccepted(ILogger logger, string submissionId, string assessmentId, TenantId tenantId, WriteStatus writeStatus);

    internal async Task<IReadOnlyList<SubmissionRecord>> AttemptsAsync(Caller caller, AssessmentRecord assessment, CancellationToken ct)
    {
        var query = new DocumentQuery(assessment.CourseId, new Dictionary<string, string> { ["assessmentId"] = assessment.Id, ["userId"] = caller.UserId });
        var attempts = await store.QueryAsync<SubmissionRecord>(caller.Tenant, query, ct).ConfigureAwait(false);
        return attempts.Select(a => a.Value).ToList();
    }
}
