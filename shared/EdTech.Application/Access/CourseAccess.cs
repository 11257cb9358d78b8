using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Access;

/// <summary>
/// Course scope: teachers and students act only in courses they are enrolled in, in that role.
/// Enrollments are read on every student and teacher request (a point read), so they are cached for
/// <see cref="AccessCacheSettings.Ttl"/> (default 5 s): an unenrollment elsewhere is in force here within that.
/// </summary>
public sealed class CourseAccess(IDocumentStore store, TimeProvider clock, AccessCacheSettings settings)
{
    private readonly ExpiringCache<EnrollmentRecord> _enrollments = new(clock, settings.Ttl);
    private readonly ExpiringCache<string[]> _courses = new(clock, settings.Ttl);
    private readonly ExpiringCache<CourseRecord> _courseRecords = new(clock, settings.Ttl);

    public async Task<bool> IsEnrolledAsync(TenantId tenant, string courseId, string userId, string role, CancellationToken ct) =>
        await EnrollmentAsync(tenant, courseId, userId, role, ct).ConfigureAwait(false) is not null;

    /// <summary>The user's enrollment in the course if it is in <paramref name="role"/> (the same cached read as <see cref="IsEnrolledAsync"/>), else null.</summary>
    public async Task<EnrollmentRecord?> EnrollmentAsync(TenantId tenant, string courseId, string userId, string role, CancellationToken ct)
    {
        var id = EnrollmentRecord.IdFor(courseId, userId);
        var enrollment = await _enrollments.GetOrLoadAsync($"{tenant}:{id}",
            async token => (await store.GetAsync<EnrollmentRecord>(tenant, id, token).ConfigureAwait(false))?.Value, ct).ConfigureAwait(false);
        return enrollment?.Role == role ? enrollment : null;
    }

    /// <summary>
    /// The ids of the courses the user is enrolled in with <paramref name="role"/>, in id order (one query across the
    /// tenant's enrollments, cached briefly like single enrollments; <see cref="Forget"/> drops it in this process).
    /// </summary>
    public async Task<IReadOnlyList<string>> CoursesOfAsync(TenantId tenant, string userId, string role, CancellationToken ct)
    {
        var courses = await _courses.GetOrLoadAsync($"{tenant}:{role}:{userId}", async token =>
        {
            var rows = await store.QueryAsync<EnrollmentRecord>(tenant, DocumentQuery.Where("userId", userId), token).ConfigureAwait(false);
            return rows.Where(r => r.Value.Role == role).Select(r => r.Value.CourseId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        }, ct).ConfigureAwait(false);
        return courses ?? [];
    }

    /// <summary>
    /// An enrollment was created, changed or deleted (enroll, roster import, erasure): stop using what is cached for it
    /// in this process at once rather than after the cache time.
    /// </summary>
    public void Forget(TenantId tenant, string courseId, string userId)
    {
        _enrollments.Remove($"{tenant}:{EnrollmentRecord.IdFor(courseId, userId)}");
        _courses.Remove($"{tenant}:{Roles.Student}:{userId}");
        _courses.Remove($"{tenant}:{Roles.Teacher}:{userId}");
    }

    /// <summary>
    /// Whether the course is archived (read-only), cached like enrollments: an archive elsewhere is in force here within
    /// <see cref="AccessCacheSettings.Ttl"/>, at once in the process that made it (<see cref="ForgetCourse"/>).
    /// </summary>
    public async Task<bool> IsArchivedAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var course = await _courseRecords.GetOrLoadAsync($"{tenant}:{courseId}",
            async token => (await store.GetAsync<CourseRecord>(tenant, courseId, courseId, token).ConfigureAwait(false))?.Value, ct).ConfigureAwait(false);
        return course?.ArchivedAt is not null;
    }

    /// <summary>The course record changed (archive, unarchive, rename): stop using the cached copy in this process.</summary>
    public void ForgetCourse(TenantId tenant, string courseId) => _courseRecords.Remove($"{tenant}:{courseId}");
}
