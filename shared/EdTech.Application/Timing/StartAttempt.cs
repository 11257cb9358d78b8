using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Timing;

/// <summary>
/// POST /api/student/assessments/{assessmentId}/attempts (docs/timing.md): starts the student's next attempt on the server's
/// clock, or returns the one still running (idempotent: a retry, a second tab or a concurrent start all get the same attempt,
/// as the next attempt's id is fixed and created conditionally). Its end is start + the assessment's limit × the student's
/// multiplier, capped at the student's (extended) deadline when started before it. An auto-submit attempt's timer is
/// scheduled before the attempt is stored, so no stored attempt lacks its timer; a start that loses the race reuses it.
/// </summary>
public sealed class StartAttemptHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, IAttemptTimer timer, TimeProvider clock, ILogger<StartAttemptHandler> logger)
{
    public async Task<Outcome<AttemptView>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        var enrollment = record is null ? null : await access.EnrollmentAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false);
        if (record is null || enrollment is null)
        {
            return Problem.NotFound("assessment");
        }

        var mine = await store.QueryAsync<AttemptRecord>(caller.Tenant,
            new DocumentQuery(record.CourseId, new Dictionary<string, string> { ["assessmentId"] = record.Id, ["userId"] = caller.UserId }), ct).ConfigureAwait(false);
        var latest = mine.Select(v => v.Value).MaxBy(a => a.Number);
        if (latest is not null && await SubmissionOfAsync(caller.Tenant, latest, ct).ConfigureAwait(false) is null)
        {
            await EnsureTimerAsync(caller.Tenant, latest, ct).ConfigureAwait(false);
            return Outcome<AttemptView>.Ok(AttemptView.Of(latest, null, now));
        }

        if (record.Assessment.MaxAttempts is { } max)
        {
            var used = await store.QueryAsync<SubmissionRecord>(caller.Tenant,
                new DocumentQuery(record.CourseId, new Dictionary<string, string> { ["assessmentId"] = record.Id, ["userId"] = caller.UserId }), ct).ConfigureAwait(false);
            if (used.Count >= max)
            {
                return Problem.Conflict($"The assessment allows {max} attempt(s); all are used.");
            }
        }

        var number = (latest?.Number ?? 0) + 1;
        var attempt = new AttemptRecord(AttemptIds.For(caller.UserId, record.Id, number), record.CourseId, record.Id, caller.UserId, number, now,
            StudentSchedule.AttemptEndsAt(record.Assessment, enrollment.Accommodation, now), record.Assessment.TimeLimitSeconds is null ? null : record.Assessment.OverTime ?? OverTimePolicy.AcceptMarked);
        await EnsureTimerAsync(caller.Tenant, attempt, ct).ConfigureAwait(false);
        var (status, stored) = await store.CreateAsync(caller.Tenant, attempt, ct).ConfigureAwait(false);
        if (status == WriteStatus.Created)
        {
            logger.LogInformation("Started attempt {AttemptId} of {AssessmentId} in {TenantId}, ends {EndsAt}", attempt.Id, record.Id, caller.Tenant, attempt.EndsAt);
            return Outcome<AttemptView>.New(AttemptView.Of(stored!.Value, null, now));
        }

        // A concurrent start created this attempt first: it is the running one.
        return Outcome<AttemptView>.Ok(AttemptView.Of(stored!.Value, await SubmissionOfAsync(caller.Tenant, stored.Value, ct).ConfigureAwait(false), now));
    }

    /// <summary>The attempt's submission id if it has one (the mark on the attempt, else a point read of its one possible submission).</summary>
    internal async Task<string?> SubmissionOfAsync(TenantId tenant, AttemptRecord attempt, CancellationToken ct)
    {
        if (attempt.SubmissionId is not null)
        {
            return attempt.SubmissionId;
        }

        var id = AttemptIds.SubmissionOf(attempt.Id);
        return await store.GetAsync(tenant, Containers.Submissions, id, attempt.CourseId, ct).ConfigureAwait(false) is null ? null : id;
    }

    private Task EnsureTimerAsync(TenantId tenant, AttemptRecord attempt, CancellationToken ct) =>
        attempt is { OverTime: OverTimePolicy.AutoSubmit, EndsAt: { } end }
            ? timer.ScheduleAsync(tenant, attempt.CourseId, attempt.Id, StudentSchedule.AutoSubmitAt(end), ct)
            : Task.CompletedTask;
}
