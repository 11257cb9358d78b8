using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Courses;

/// <summary>
/// A tenant admin removes a user's enrollment in a course (student or teacher): the enrollment record is deleted, so every
/// course-scoped check (<see cref="CourseAccess"/>) answers "not enrolled" — at once on this instance, within
/// <see cref="AccessCacheSettings.Ttl"/> on others — and the course's resources answer 404 to that user. Nothing else is
/// deleted: the user's submissions, grades, responses and audit entries stay for the course's teachers (by submission, in the
/// assessment's submission list, statistics, review queue) and for export and erasure. The gradebook lists enrolled students
/// only (the contract), so the row leaves it. An enrollment that does not exist (never, or already removed) is 404, so a
/// second unenrollment answers 404 and writes nothing. Audited (subject: the user, resource <c>course:{courseId}</c>).
/// </summary>
public sealed class UnenrollUserHandler(IDocumentStore store, CourseAccess access, TeacherQueryCache cache, IAuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<EnrollmentRecord>> HandleAsync(Caller caller, string courseId, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ResourceId.IsValid(courseId) || await store.GetAsync<CourseRecord>(caller.Tenant, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var enrollment = ResourceId.IsValid(userId)
            ? await store.GetAsync<EnrollmentRecord>(caller.Tenant, EnrollmentRecord.IdFor(courseId, userId), ct).ConfigureAwait(false)
            : null;
        if (enrollment is null)
        {
            return Problem.NotFound("enrollment");
        }

        // Conditional on the version read, so the audit entry (whose id derives from it) describes exactly what was removed;
        // false means a concurrent unenrollment (or re-enrollment) won: nothing removed here.
        if (!await store.DeleteAsync(caller.Tenant, Containers.Enrollments, enrollment.Value.Id, enrollment.ETag, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("enrollment");
        }

        access.Forget(caller.Tenant, courseId, userId);
        // The gradebook's rows and the teacher's courses and review queue are read from enrollments.
        var removed = enrollment.Value;
        await cache.InvalidateEnrollmentAsync(caller.Tenant, removed, ct).ConfigureAwait(false);
        await audit.AppendAsync(caller.Tenant, new AuditEntry(
            $"{userId}:unenroll:{courseId}:{enrollment.ETag.Trim('"')}", clock.GetUtcNow(), caller.UserId, caller.Roles.Order(StringComparer.Ordinal).ToList(),
            AuditActions.EnrollmentRemoved, userId, $"course:{courseId}",
            Old: removed.Section is null ? $"role={removed.Role}" : $"role={removed.Role}; section={removed.Section}", New: null, Reason: "admin unenrollment"), ct).ConfigureAwait(false);
        return Outcome<EnrollmentRecord>.Ok(removed);
    }
}
