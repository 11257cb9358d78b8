using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Modules;

public sealed record ModuleItemInput(string? Id, string? Title, string? Kind, string? AssessmentId, string? Url);

/// <summary>The body of PUT .../modules/{moduleId}: the whole module (create or replace).</summary>
public sealed record PutModuleCommand(string? Title, int? Position, IReadOnlyList<ModuleItemInput>? Items);

/// <summary>
/// Creates or replaces a module (PUT): the same content again writes nothing; other content
/// replaces it under the ETag just read, so a concurrent PUT is a 409 rather than a lost update.
/// With <c>ifMatch</c> (the client's If-Match) the replace applies only to that version: 412 when stale or when the
/// module does not exist. An archived course refuses changes (409 naming the course).
/// </summary>
public sealed class PutModuleHandler(IDocumentStore store, CourseAccess access, AssessmentLookup assessments, TimeProvider clock)
{
    /// <summary>The PUT with its optional If-Match; the stored module comes back with its ETag.</summary>
    public async Task<Outcome<Versioned<ModuleRecord>>> PutAsync(Caller caller, string courseId, string moduleId, PutModuleCommand command, string? ifMatch, CancellationToken ct)
    {
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var v = PutModuleValidator.Validate(moduleId, command);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await access.IsArchivedAsync(caller.Tenant, courseId, ct).ConfigureAwait(false))
        {
            return CourseArchive.Refused(courseId, "its modules cannot be changed");
        }

        var items = command.Items!.Select(i => new ModuleItem(i.Id!, i.Title!.Trim(), i.Kind!, i.AssessmentId, i.Url)).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].AssessmentId is { } assessmentId && (await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false))?.CourseId != courseId)
            {
                v.Add($"items[{i}].assessmentId", "No assessment with that id in this course.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var record = new ModuleRecord(ModuleRecord.IdFor(courseId, moduleId), courseId, moduleId, command.Title!.Trim(), command.Position!.Value, items, caller.UserId, clock.GetUtcNow());
        var existing = await store.GetAsync<ModuleRecord>(caller.Tenant, record.Id, ct).ConfigureAwait(false);
        if (ifMatch is not null && ifMatch != existing?.ETag)
        {
            return ModuleProblems.Stale;
        }

        if (existing is null)
        {
            var (status, stored) = await store.CreateAsync(caller.Tenant, record, ct).ConfigureAwait(false);
            return status == WriteStatus.Created ? Outcome<Versioned<ModuleRecord>>.New(stored!) : Problem.Conflict("The module was created concurrently; read it and try again.");
        }

        if (existing.Value.SameContentAs(record))
        {
            return Outcome<Versioned<ModuleRecord>>.Ok(existing);
        }

        var (replaced, now) = await store.ReplaceAsync(caller.Tenant, record, existing.ETag, ct).ConfigureAwait(false);
        if (replaced == WriteStatus.PreconditionFailed)
        {
            return ifMatch is null ? Problem.Conflict("The module changed concurrently; read it and try again.") : ModuleProblems.Stale;
        }

        return Outcome<Versioned<ModuleRecord>>.Ok(now!);
    }
}
