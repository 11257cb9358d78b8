using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Lists;

/// <summary>A course the caller is enrolled in (API.md v2 lists): its id, title, the caller's section and when they were enrolled.</summary>
public sealed record CourseSummary(string CourseId, string Title, string? Section, DateTimeOffset EnrolledAt, bool Archived = false);

/// <summary>
/// The caller's courses in one role (GET /api/teacher/courses, GET /api/student/courses), paged by course id. One query on the
/// tenant's enrollments filtered by <c>userId</c> and <c>role</c> (both indexed), keyset by the enrollment id
/// <c>{courseId}:{userId}</c>: the token is the last course id, from which the next query's cursor is rebuilt. Then a point read
/// per course for its title (a course whose record is gone is left out, so a page may be shorter than the limit).
/// On Cosmos the enrollment query spans the tenant's course partitions (one key-prefix query); see docs/api-lists.md.
/// </summary>
public sealed class ListMyCoursesHandler(IDocumentStore store)
{
    public async Task<Outcome<Page<CourseSummary>>> HandleAsync(Caller caller, string role, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = PageRequest.Parse(limit, next);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["userId"] = caller.UserId, ["role"] = role };
        var cursor = after is null ? null : EnrollmentRecord.IdFor(after, caller.UserId);
        var rows = (await store.QueryAsync<EnrollmentRecord>(caller.Tenant, new DocumentQuery(null, fields, size + 1, cursor), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();

        var titles = new Dictionary<string, CourseRecord>(StringComparer.Ordinal);
        foreach (var enrollment in rows.Take(size))
        {
            if (await store.GetAsync<CourseRecord>(caller.Tenant, enrollment.CourseId, enrollment.CourseId, ct).ConfigureAwait(false) is { } course)
            {
                titles[enrollment.CourseId] = course.Value;
            }
        }

        return Outcome<Page<CourseSummary>>.Ok(ListPaging.Of(rows, size,
            e => titles.TryGetValue(e.CourseId, out var course) ? new CourseSummary(e.CourseId, course.Title, e.Section, e.CreatedAt, course.ArchivedAt is not null) : null,
            e => e.CourseId));
    }
}
