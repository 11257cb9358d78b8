using System.Globalization;
using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Rubrics;

/// <summary>
/// A teacher's read of one rubric of a course they teach: the current version with its ETag (an edit quotes it in If-Match), or
/// with <c>?version=</c> an earlier version (what a score names), without an ETag. Not teaching the course, another course's or
/// tenant's rubric, or no such version → 404; a version that is not a whole number ≥ 1 → 422 naming <c>version</c>.
/// </summary>
public sealed class GetRubricHandler(IDocumentStore store, CourseAccess access)
{
    public async Task<Outcome<TeacherRubric>> HandleAsync(Caller caller, string courseId, string rubricId, string? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await RubricStore.TeachesAsync(access, caller, courseId, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("rubric");
        }

        var wanted = 0;
        if (version is not null && (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out wanted) || wanted < 1))
        {
            return Problem.Invalid("version", "A whole number from 1.");
        }

        var current = await RubricStore.FindAsync(store, caller.Tenant, courseId, rubricId, ct).ConfigureAwait(false);
        if (current is null || wanted > current.Value.Version)
        {
            return Problem.NotFound("rubric");
        }

        if (version is null || wanted == current.Value.Version)
        {
            return Outcome<TeacherRubric>.Ok(new TeacherRubric(RubricView.Of(current.Value), current.ETag));
        }

        var frozen = await store.GetAsync<RubricVersionRecord>(caller.Tenant, RubricVersionRecord.IdOf(rubricId, wanted), courseId, ct).ConfigureAwait(false);
        return frozen is null ? Problem.NotFound("rubric") : Outcome<TeacherRubric>.Ok(new TeacherRubric(RubricView.Of(frozen.Value, current.Value), null));
    }
}
