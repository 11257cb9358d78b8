using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Rubrics;

/// <summary>
/// A teacher of the course creates a rubric (idempotent by id, as every create: the same content again → the stored rubric,
/// different content → 409). Version 1.
/// </summary>
public sealed class CreateRubricHandler(IDocumentStore store, CourseAccess access, TimeProvider clock)
{
    public async Task<Outcome<TeacherRubric>> HandleAsync(Caller caller, string courseId, RubricCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await RubricStore.TeachesAsync(access, caller, courseId, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var v = RubricValidator.Validate(command);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = clock.GetUtcNow();
        var id = command.Id ?? ResourceId.New();
        var record = new RubricRecord(id, courseId, 1, RubricValidator.ToDomain(id, command), caller.UserId, now, now);
        var (status, stored) = await store.CreateAsync(caller.Tenant, record, ct).ConfigureAwait(false);
        if (status == WriteStatus.Created)
        {
            return new Outcome<TeacherRubric>(new TeacherRubric(RubricView.Of(stored!.Value), stored.ETag), null, Created: true);
        }

        // The same id again: the stored rubric if it is this one (same course, same content, never edited), else a conflict.
        var existing = stored;
        return existing is not null && existing.Value.CourseId == courseId && existing.Value.Version == 1
            && TypedDocumentStore.Serialize(existing.Value.Rubric) == TypedDocumentStore.Serialize(record.Rubric)
            ? Outcome<TeacherRubric>.Ok(new TeacherRubric(RubricView.Of(existing.Value), existing.ETag))
            : Problem.Conflict($"A rubric with id '{id}' already exists with different content.");
    }
}
