using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Access;

/// <summary>Course scope: teachers and students act only in courses they are enrolled in, in that role.</summary>
public sealed class CourseAccess(IDocumentStore store)
{
    public async Task<bool> IsEnrolledAsync(TenantId tenant, string courseId, string userId, string role, CancellationToken ct)
    {
        var enrollment = await store.GetAsync<EnrollmentRecord>(tenant, EnrollmentRecord.IdFor(courseId, userId), ct).ConfigureAwait(false);
        return enrollment?.Value.Role == role;
    }
}
