using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Access;

/// <summary>
/// Course scope: teachers and students act only in courses they are enrolled in, in that role.
/// Enrollments are read on every student and teacher request, so found ones are cached briefly
/// (there is no un-enroll yet; when there is, it must shorten or invalidate this).
/// </summary>
public sealed class CourseAccess(IDocumentStore store, TimeProvider clock)
{
    private readonly ExpiringCache<EnrollmentRecord> _enrollments = new(clock, TimeSpan.FromSeconds(30));

    public async Task<bool> IsEnrolledAsync(TenantId tenant, string courseId, string userId, string role, CancellationToken ct)
    {
        var id = EnrollmentRecord.IdFor(courseId, userId);
        var enrollment = await _enrollments.GetOrLoadAsync($"{tenant}:{id}",
            async token => (await store.GetAsync<EnrollmentRecord>(tenant, id, token).ConfigureAwait(false))?.Value, ct).ConfigureAwait(false);
        return enrollment?.Role == role;
    }

    /// <summary>Erasure deletes enrollments: stop honouring them here at once rather than after the cache time.</summary>
    public void Forget(TenantId tenant, string courseId, string userId) => _enrollments.Remove($"{tenant}:{EnrollmentRecord.IdFor(courseId, userId)}");
}
