using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses.Lifecycle;

public sealed class GetCourseHandler(IDocumentStore store)
{
    public async Task<Outcome<Versioned<CourseRecord>>> HandleAsync(Caller caller, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var stored = ResourceId.IsValid(courseId) ? await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false) : null;
        return stored is null ? Problem.NotFound("course") : Outcome<Versioned<CourseRecord>>.Ok(stored);
    }
}
