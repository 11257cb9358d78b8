using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Lists.Admin;

/// <summary>One enrollment of a course: the user, their role and section in the course, and their display name (null when the user record is gone).</summary>
public sealed record EnrollmentSummary(string UserId, string Role, string? Section, DateTimeOffset EnrolledAt, string? DisplayName);

/// <summary>
/// A course's enrollments (GET /api/admin/courses/{courseId}/enrollments for tenant admins, GET
/// /api/teacher/courses/{courseId}/enrollments for the course's teachers), paged by user id, optionally filtered by
/// <c>role</c> and <c>section</c> (the way to read one section's roster). One single-partition query (enrollments are
/// partitioned by course) keyset by the enrollment id <c>{courseId}:{userId}</c>; the token is the last user id. Then one
/// point read per user on the page for the display name.
/// </summary>
public sealed class ListEnrollmentsHandler(IDocumentStore store, CourseAccess access)
{
    /// <summary>The roles an enrollment can have (EnrollUserHandler), the values <c>?role=</c> accepts.</summary>
    public static IReadOnlyList<string> EnrollmentRoles { get; } = [Roles.Student, Roles.Teacher];

    public async Task<Outcome<Page<EnrollmentSummary>>> ForAdminAsync(
        Caller caller, string courseId, string? role, string? section, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ResourceId.IsValid(courseId) && await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false) is not null
            ? await ListAsync(caller, courseId, role, section, limit, next, ct).ConfigureAwait(false)
            : Problem.NotFound("course");
    }

    public async Task<Outcome<Page<EnrollmentSummary>>> ForTeacherAsync(
        Caller caller, string courseId, string? role, string? section, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ResourceId.IsValid(courseId) && await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false)
            ? await ListAsync(caller, courseId, role, section, limit, next, ct).ConfigureAwait(false)
            : Problem.NotFound("course");
    }

    private async Task<Outcome<Page<EnrollmentSummary>>> ListAsync(
        Caller caller, string courseId, string? role, string? section, string? limit, string? next, CancellationToken ct)
    {
        var request = ListPaging.Parse(limit, next, v => v
            .Require(role is null || EnrollmentRoles.Contains(role, StringComparer.Ordinal), "role", $"One of {string.Join(", ", EnrollmentRoles)}.")
            .Text(section, "section", 100, required: false));
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (role is not null)
        {
            fields["role"] = role;
        }

        if (section is not null)
        {
            fields["section"] = section;
        }

        var cursor = after is null ? null : EnrollmentRecord.IdFor(courseId, after);
        var rows = (await store.QueryAsync<EnrollmentRecord>(caller.Tenant, new DocumentQuery(courseId, fields, size + 1, cursor), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var enrollment in rows.Take(size))
        {
            if (await store.GetAsync<UserRecord>(caller.Tenant, enrollment.UserId, enrollment.UserId, ct).ConfigureAwait(false) is { } user)
            {
                names[enrollment.UserId] = user.Value.DisplayName;
            }
        }

        return Outcome<Page<EnrollmentSummary>>.Ok(ListPaging.Of(rows, size,
            e => new EnrollmentSummary(e.UserId, e.Role, e.Section, e.CreatedAt, names.GetValueOrDefault(e.UserId)),
            e => e.UserId));
    }
}
