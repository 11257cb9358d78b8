using EdTech.Application.Access;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Commands;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Grading;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Rubrics;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Assessments;

/// <summary>The current version of an assessment with its ETag; <see cref="Regrading"/> when the edit started a regrade.</summary>
public sealed record TeacherAssessment(AssessmentRecord Record, string ETag, bool Regrading = false);

/// <summary>
/// A teacher replaces an assessment (the create body), conditional on its ETag. Checks in order: visible
/// in the route's course (404), If-Match present (428), ETag current (412), body valid (422), item set
/// unchanged once submissions exist (409 assessment-items-locked). Without submissions the edit replaces
/// the current version in place. With submissions it makes version N+1: version N is first frozen as a
/// snapshot (so it stays readable), then the current record moves to N+1 with an ETag write; when the
/// scoring changed, the regrade of N+1 is recorded as a workflow run before the answer (create-once), which the
/// change feed starts (instance per version) and the reconciler re-drives after a crash.
/// </summary>
public sealed class UpdateAssessmentHandler(
    IDocumentStore store, CourseAccess access, AssessmentLookup lookup, WorkflowRuns runs, IntegrationEventOutbox events, TimeProvider clock, ILogger<UpdateAssessmentHandler> logger)
{
    public const string ItemsLockedCode = "assessment-items-locked";

    public async Task<Outcome<TeacherAssessment>> HandleAsync(Caller caller, string courseId, string assessmentId, CreateAssessmentCommand command, string? ifMatch, CancellationToken ct)
    {
        var stored = await FindAsync(store, access, caller, courseId, assessmentId, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem.NotFound("assessment");
        }

        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return new Problem(ProblemKind.PreconditionRequired, "Precondition required", "Send If-Match with the ETag from GET /api/teacher/courses/{courseId}/assessments/{assessmentId}.");
        }

        if (!string.Equals(ifMatch.Trim(), stored.ETag, StringComparison.Ordinal))
        {
            return Stale();
        }

        if (await access.IsArchivedAsync(caller.Tenant, courseId, ct).ConfigureAwait(false))
        {
            return CourseArchive.Refused(courseId, "its assessments cannot be edited");
        }

        var v = CreateAssessmentValidator.Validate(command)
            .Require(command.Id is null || command.Id == assessmentId, "id", "Must be the assessment id of the route (or omitted).");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (command.Category is { } category && !await CreateAssessmentHandler.HasCategoryAsync(store, caller, courseId, category, ct).ConfigureAwait(false))
        {
            return Problem.Invalid("category", "Not a category of the course's grading scheme.");
        }

        if (await ItemRubrics.ValidateAsync(store, caller.Tenant, courseId, command.Items!, ct).ConfigureAwait(false) is { } badRubric)
        {
            return badRubric;
        }

        var current = stored.Value;
        var edited = CreateAssessmentHandler.ToDomain(command with { Id = assessmentId, CourseId = courseId });
        if (TypedDocumentStore.Serialize(edited) == TypedDocumentStore.Serialize(current.Assessment))
        {
            return Outcome<TeacherAssessment>.Ok(new TeacherAssessment(current, stored.ETag));
        }

        var answered = await store.QueryAsync(caller.Tenant, Containers.Submissions,
            new DocumentQuery(courseId, new Dictionary<string, string> { ["assessmentId"] = assessmentId }, Limit: 1), ct).ConfigureAwait(false);
        if (answered.Count == 0)
        {
            return await WriteAsync(caller, current with { Assessment = edited }, stored.ETag, regrading: false, ct).ConfigureAwait(false);
        }

        if (AssessmentChanges.ItemSetError(current.Assessment, edited) is { } locked)
        {
            return new Problem(ProblemKind.Conflict, "Assessment items are locked", locked) { Code = ItemsLockedCode };
        }

        // Freeze version N before moving on: a lost race rewrites the same content, as both writers read the same ETag.
        await store.ReplaceAsync(caller.Tenant, AssessmentVersionRecord.Of(current, clock.GetUtcNow()), ifMatch: null, ct).ConfigureAwait(false);
        var next = current with { Version = current.Version + 1, Assessment = edited };
        return await WriteAsync(caller, next, stored.ETag, AssessmentChanges.ScoringChanged(current.Assessment, edited), ct).ConfigureAwait(false);
    }

    /// <summary>The assessment if it is in the route's course and the caller teaches that course.</summary>
    internal static async Task<Versioned<AssessmentRecord>?> FindAsync(IDocumentStore store, CourseAccess access, Caller caller, string courseId, string assessmentId, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return null;
        }

        var stored = await store.GetAsync<AssessmentRecord>(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        return stored is not null && stored.Value.CourseId == courseId ? stored : null;
    }

    private async Task<Outcome<TeacherAssessment>> WriteAsync(Caller caller, AssessmentRecord next, string etag, bool regrading, CancellationToken ct)
    {
        // Its event is held ahead of the edit (id from the ETag the edit is conditional on): released if the edit lands, else cancelled.
        // A draft's edit announces nothing (students cannot see it); publishing it does (SetAssessmentStateHandler).
        var published = next.IsPublished() ? IntegrationEvents.AssessmentPublished(next, etag, clock.GetUtcNow()) : null;
        await events.HoldAsync(caller.Tenant, published, ct).ConfigureAwait(false);
        var (status, written) = await store.ReplaceAsync(caller.Tenant, next, etag, ct).ConfigureAwait(false);
        if (status == WriteStatus.PreconditionFailed || written is null)
        {
            // A twin request (same base ETag, so the same event) may have landed this very edit: then the event stands.
            var current = await store.GetAsync<AssessmentRecord>(caller.Tenant, next.Id, CancellationToken.None).ConfigureAwait(false);
            var landed = current is not null && current.Value.Version == next.Version
                && TypedDocumentStore.Serialize(current.Value.Assessment) == TypedDocumentStore.Serialize(next.Assessment);
            await (landed ? events.ReleaseAsync(caller.Tenant, published, CancellationToken.None) : events.CancelAsync(caller.Tenant, published, CancellationToken.None)).ConfigureAwait(false);
            return Stale();
        }

        await events.ReleaseAsync(caller.Tenant, published, ct).ConfigureAwait(false);
        lookup.Forget(caller.Tenant, next.Id);
        logger.LogInformation("Teacher {UserId} edited {AssessmentId} in {TenantId}: version {Version}, regrade {Regrading}", caller.UserId, next.Id, caller.Tenant, next.Version, regrading);
        if (regrading)
        {
            // Durable before the answer: the change feed starts the run's workflow; the reconciler re-drives it after a crash.
            await runs.RequestAsync(caller.Tenant, WorkflowRunRecord.RegradeKind, next.Id, next.Version, next.CourseId, ct).ConfigureAwait(false);
        }

        return Outcome<TeacherAssessment>.Ok(new TeacherAssessment(written.Value, written.ETag, regrading));
    }

    private static Problem Stale() =>
        new(ProblemKind.PreconditionFailed, "Precondition failed", "The assessment changed since you read it; GET it again and re-apply your edit.");
}
