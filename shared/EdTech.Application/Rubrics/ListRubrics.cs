using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Rubrics;

/// <summary>
/// A course's rubrics for its teachers (GET /api/teacher/courses/{courseId}/rubrics), paged as every list (docs/api-lists.md):
/// one single-partition query (rubrics are partitioned by course) keyset by rubric id, limit + 1 rows.
/// </summary>
public sealed class ListRubricsHandler(IDocumentStore store, CourseAccess access)
{
    public async Task<Outcome<Page<RubricSummary>>> HandleAsync(Caller caller, string courseId, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await RubricStore.TeachesAsync(access, caller, courseId, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        var request = PageRequest.Parse(limit, next);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var rows = await store.QueryAsync<RubricRecord>(caller.Tenant, new DocumentQuery(courseId, null, size + 1, after), ct).ConfigureAwait(false);
        return Outcome<Page<RubricSummary>>.Ok(Lists.ListPaging.Of(rows, size, r => RubricSummary.Of(r.Value), r => r.Value.Id));
    }
}
