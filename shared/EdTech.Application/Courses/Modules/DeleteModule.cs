using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Modules;

/// <summary>
/// Deletes a module (optionally conditional on If-Match: 412 when stale). Students' usage progress that names it stays (it is
/// their history, and export reads it); every analytics read keeps only the course's current modules, so it is left out there.
/// An archived course refuses (409). Audited.
/// </summary>
public sealed class DeleteModuleHandler(IDocumentStore store, CourseAccess access, IAuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<string>> HandleAsync(Caller caller, string courseId, string moduleId, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ResourceId.IsValid(moduleId) || !await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("module");
        }

        var id = ModuleRecord.IdFor(courseId, moduleId);
        var stored = await store.GetAsync<ModuleRecord>(caller.Tenant, id, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return Problem.NotFound("module");
        }

        if (ifMatch is not null && ifMatch != stored.ETag)
        {
            return ModuleProblems.Stale;
        }

        if (await access.IsArchivedAsync(caller.Tenant, courseId, ct).ConfigureAwait(false))
        {
            return CourseArchive.Refused(courseId, "its modules cannot be changed");
        }

        // Conditional on the version just read (or the client's), so a concurrent replace is not deleted unseen.
        if (!await store.DeleteAsync(caller.Tenant, ModuleRecord.Container, id, stored.ETag, ct).ConfigureAwait(false))
        {
            return ifMatch is null ? Problem.Conflict("The module changed concurrently; read it and try again.") : ModuleProblems.Stale;
        }

        await audit.AppendAsync(caller.Tenant, LifecycleAudit.Of(caller, LifecycleAudit.ModuleDeleted, courseId, moduleId, stored.ETag, clock.GetUtcNow(), stored.Value.Title), ct)
            .ConfigureAwait(false);
        return Outcome<string>.Ok(moduleId);
    }
}
