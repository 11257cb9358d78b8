using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Modules;

/// <summary>One module of a course for its teacher, with the ETag a PUT or DELETE may be conditional on.</summary>
public sealed class GetModuleHandler(IDocumentStore store, CourseAccess access)
{
    public async Task<Outcome<Versioned<ModuleRecord>>> HandleAsync(Caller caller, string courseId, string moduleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ResourceId.IsValid(moduleId) || !await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("module");
        }

        var stored = await store.GetAsync<ModuleRecord>(caller.Tenant, ModuleRecord.IdFor(courseId, moduleId), ct).ConfigureAwait(false);
        return stored is null ? Problem.NotFound("module") : Outcome<Versioned<ModuleRecord>>.Ok(stored);
    }
}
