using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Assessments.Lifecycle;

/// <summary>
/// A teacher unpublishes (back to draft) or publishes an assessment. Unpublish is allowed only while no submission exists
/// (409 <see cref="AnsweredCode"/>; afterwards only the versioned edit). With If-Match the change applies to that version only
/// (412 otherwise); without it, to the latest. The same state again writes nothing. An archived course refuses both (409).
/// Unpublish writes <c>draft</c> and then searches for a submission again: one that a racing submit created makes it put
/// <c>published</c> back and answer 409 (the submit's side of the protocol: <see cref="SubmitLifecycle"/>).
/// </summary>
public sealed class SetAssessmentStateHandler(
    IDocumentStore store, CourseAccess access, AssessmentLookup lookup, IAuditLog audit, TeacherQueryCache cache, IntegrationEventOutbox events, TimeProvider clock,
    ILogger<SetAssessmentStateHandler> logger)
{
    public const string AnsweredCode = "assessment-has-submissions";

    public Task<Outcome<TeacherAssessment>> UnpublishAsync(Caller caller, string courseId, string assessmentId, string? ifMatch, CancellationToken ct) =>
        SetAsync(caller, courseId, assessmentId, AssessmentStates.Draft, ifMatch, ct);

    public Task<Outcome<TeacherAssessment>> PublishAsync(Caller caller, string courseId, string assessmentId, string? ifMatch, CancellationToken ct) =>
        SetAsync(caller, courseId, assessmentId, AssessmentStates.Published, ifMatch, ct);

    private async Task<Outcome<TeacherAssessment>> SetAsync(Caller caller, string courseId, string assessmentId, string target, string? ifMatch, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await UpdateAssessmentHandler.FindAsync(store, access, caller, courseId, assessmentId, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return Problem.NotFound("assessment");
            }

            if (ifMatch is not null && ifMatch != stored.ETag)
            {
                return Stale();
            }

            if (await access.IsArchivedAsync(caller.Tenant, courseId, ct).ConfigureAwait(false))
            {
                return CourseArchive.Refused(courseId, "its assessments cannot be published or unpublished");
            }

            var current = stored.Value;
            if ((current.IsPublished() ? AssessmentStates.Published : AssessmentStates.Draft) == target)
            {
                return Outcome<TeacherAssessment>.Ok(new TeacherAssessment(current, stored.ETag));
            }

            if (target == AssessmentStates.Draft && await AnsweredAsync(caller, current, ct).ConfigureAwait(false))
            {
                return Answered();
            }

            var (status, written) = await store.ReplaceAsync(caller.Tenant, current with { State = target }, stored.ETag, ct).ConfigureAwait(false);
            if (status == WriteStatus.PreconditionFailed)
            {
                if (ifMatch is not null)
                {
                    return Stale();
                }

                continue;
            }

            lookup.Forget(caller.Tenant, assessmentId);
            if (target == AssessmentStates.Draft && await AnsweredAsync(caller, current, CancellationToken.None).ConfigureAwait(false))
            {
                // A submit landed between the first search and the draft write: it stands, the unpublish does not.
                await RepublishAsync(caller, current, CancellationToken.None).ConfigureAwait(false);
                return Answered();
            }

            await cache.InvalidateCourseAsync(caller.Tenant, courseId, ct).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var action = target == AssessmentStates.Draft ? LifecycleAudit.AssessmentUnpublished : LifecycleAudit.AssessmentPublished;
            await audit.AppendAsync(caller.Tenant, LifecycleAudit.Of(caller, action, courseId, assessmentId, written!.ETag, now,
                target == AssessmentStates.Draft ? AssessmentStates.Published : AssessmentStates.Draft, target), ct).ConfigureAwait(false);
            if (target == AssessmentStates.Published)
            {
                await events.WriteAsync(caller.Tenant, IntegrationEvents.AssessmentPublished(written.Value, written.ETag, now), ct).ConfigureAwait(false);
            }

            logger.LogInformation("Teacher {UserId} set {AssessmentId} in {TenantId} to {State}", caller.UserId, assessmentId, caller.Tenant, target);
            return Outcome<TeacherAssessment>.Ok(new TeacherAssessment(written.Value, written.ETag));
        }

        return Problem.Conflict("The assessment changed concurrently; retry.");
    }

    private async Task<bool> AnsweredAsync(Caller caller, AssessmentRecord assessment, CancellationToken ct) =>
        (await store.QueryAsync(caller.Tenant, Containers.Submissions,
            new DocumentQuery(assessment.CourseId, new Dictionary<string, string> { ["assessmentId"] = assessment.Id }, Limit: 1), ct).ConfigureAwait(false)).Count > 0;

    /// <summary>Puts <c>published</c> back over the draft this handler wrote, whatever else changed it since (an edit keeps the state).</summary>
    private async Task RepublishAsync(Caller caller, AssessmentRecord assessment, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var now = await store.GetAsync<AssessmentRecord>(caller.Tenant, assessment.Id, assessment.CourseId, ct).ConfigureAwait(false);
            if (now is null || now.Value.IsPublished())
            {
                break;
            }

            var (status, _) = await store.ReplaceAsync(caller.Tenant, now.Value with { State = AssessmentStates.Published }, now.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                break;
            }
        }

        lookup.Forget(caller.Tenant, assessment.Id);
        logger.LogWarning("Unpublish of {AssessmentId} in {TenantId} lost to a concurrent submission; published again", assessment.Id, caller.Tenant);
    }

    private static Problem Answered() =>
        new(ProblemKind.Conflict, "Assessment has submissions", "Submissions exist, so the assessment cannot be unpublished; edit it (PUT, a new version) instead.") { Code = AnsweredCode };

    private static Problem Stale() =>
        new(ProblemKind.PreconditionFailed, "Precondition failed", "The assessment changed since you read it; GET it again.");
}
