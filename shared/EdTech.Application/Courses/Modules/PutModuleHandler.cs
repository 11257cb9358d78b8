using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Modules;

/// <summary>
/// Creates or replaces a module (PUT): the same content again writes nothing; other content
/// replaces it under the ETag just read, so a concurrent PUT is a 409 rather than a lost update.
/// </summary>
public sealed class PutModuleHandler(IDocumentStore store, CourseAccess access, AssessmentLookup assessments, TimeProvider clock)
{
    public async Task<Outcome<ModuleRecord>> HandleAsync(Caller caller, string courseId, string moduleId, PutModuleCommand command, CancellationToken ct)
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
        if (existing is null)
        {
            var (status, stored) = await store.CreateAsync(caller.Tenant, record, ct).ConfigureAwait(false);
            return status == WriteStatus.Created ? Outcome<ModuleRecord>.New(stored!.Value) : Problem.Conflict("The module was created concurrently; read it and try again.");
        }

        if (existing.Value.SameContentAs(record))
        {
            return Outcome<ModuleRecord>.Ok(existing.Value);
        }

        var (replaced, now) = await store.ReplaceAsync(caller.Tenant, record, existing.ETag, ct).ConfigureAwait(false);
        return replaced == WriteStatus.PreconditionFailed ? Problem.Conflict("The module changed concurrently; read it and try again.") : Outcome<ModuleRecord>.Ok(now!.Value);
    }
}
