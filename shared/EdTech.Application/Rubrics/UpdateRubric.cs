using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Rubrics;

/// <summary>
/// A teacher replaces a rubric (the create body), conditional on its ETag. Checks in order: visible in the route's course (404),
/// If-Match present (428), ETag current (412), body valid (422). The same content again changes nothing. Otherwise version N is
/// frozen first (so scores made with it keep their rubric) and the record moves to N+1 with an ETag write. Scores already made
/// are never recomputed: they keep the version and the points they were given; grading from now on uses N+1.
/// </summary>
public sealed class UpdateRubricHandler(IDocumentStore store, CourseAccess access, TimeProvider clock, ILogger<UpdateRubricHandler> logger)
{
    public async Task<Outcome<TeacherRubric>> HandleAsync(Caller caller, string courseId, string rubricId, RubricCommand command, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var stored = await RubricStore.TeachesAsync(access, caller, courseId, ct).ConfigureAwait(false)
            ? await RubricStore.FindAsync(store, caller.Tenant, courseId, rubricId, ct).ConfigureAwait(false)
            : null;
        if (stored is null)
        {
            return Problem.NotFound("rubric");
        }

        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return new Problem(ProblemKind.PreconditionRequired, "Precondition required", "Send If-Match with the ETag from GET /api/teacher/courses/{courseId}/rubrics/{rubricId}.");
        }

        if (!string.Equals(ifMatch.Trim(), stored.ETag, StringComparison.Ordinal))
        {
            return Stale();
        }

        var v = RubricValidator.Validate(command).Require(command.Id is null || command.Id == rubricId, "id", "Must be the rubric id of the route (or omitted).");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var current = stored.Value;
        var edited = RubricValidator.ToDomain(rubricId, command);
        if (TypedDocumentStore.Serialize(edited) == TypedDocumentStore.Serialize(current.Rubric))
        {
            return Outcome<TeacherRubric>.Ok(new TeacherRubric(RubricView.Of(current), stored.ETag));
        }

        // Freeze version N before moving on: a lost race rewrites the same content, as both writers read the same ETag.
        await store.ReplaceAsync(caller.Tenant, RubricVersionRecord.Of(current), ifMatch: null, ct).ConfigureAwait(false);
        var next = current with { Version = current.Version + 1, Rubric = edited, UpdatedAt = clock.GetUtcNow() };
        var (status, written) = await store.ReplaceAsync(caller.Tenant, next, stored.ETag, ct).ConfigureAwait(false);
        if (status == WriteStatus.PreconditionFailed || written is null)
        {
            return Stale();
        }

        logger.LogInformation("Teacher {UserId} edited rubric {RubricId} of {CourseId} in {TenantId}: version {Version}", caller.UserId, rubricId, courseId, caller.Tenant, next.Version);
        return Outcome<TeacherRubric>.Ok(new TeacherRubric(RubricView.Of(written.Value), written.ETag));
    }

    private static Problem Stale() =>
        new(ProblemKind.PreconditionFailed, "Precondition failed", "The rubric changed since you read it; GET it again and re-apply your edit.");
}
