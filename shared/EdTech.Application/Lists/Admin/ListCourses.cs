using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Lists.Admin;

/// <summary>One course of the tenant in the admin's list.</summary>
/// <param name="Archived">True while the course is archived (read-only, docs/api-lifecycle.md).</param>
public sealed record AdminCourseSummary(string CourseId, string Title, DateTimeOffset CreatedAt, bool Archived = false);

/// <summary>
/// GET /api/admin/courses: the tenant's courses, paged by course id. One query on the tenant's key prefix of <c>courses</c>
/// (partition = course id), keyset by id, no filter.
/// </summary>
public sealed class ListCoursesHandler(IDocumentStore store)
{
    public async Task<Outcome<Page<AdminCourseSummary>>> HandleAsync(Caller caller, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = PageRequest.Parse(limit, next);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var rows = (await store.QueryAsync<CourseRecord>(caller.Tenant, new DocumentQuery(null, null, size + 1, after), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        return Outcome<Page<AdminCourseSummary>>.Ok(ListPaging.Of(rows, size, c => new AdminCourseSummary(c.Id, c.Title, c.CreatedAt, c.ArchivedAt is not null), c => c.Id));
    }
}
