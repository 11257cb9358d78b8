using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Rubrics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Rubrics;

/// <summary>Reads of rubrics shared by the rubric routes, assessment validation, grading and the student's feedback.</summary>
public static class RubricStore
{
    /// <summary>The current rubric if it is in <paramref name="courseId"/> (a point read in the course's partition).</summary>
    public static async Task<Versioned<RubricRecord>?> FindAsync(IDocumentStore store, TenantId tenant, string courseId, string rubricId, CancellationToken ct)
    {
        if (!ResourceId.IsValid(rubricId) || !ResourceId.IsValid(courseId))
        {
            return null;
        }

        var stored = await store.GetAsync<RubricRecord>(tenant, rubricId, courseId, ct).ConfigureAwait(false);
        return stored is not null && stored.Value.CourseId == courseId ? stored : null;
    }

    /// <summary>Version <paramref name="version"/> of a rubric of the course: the current record or a frozen one; null if there is none.</summary>
    public static async Task<Rubric?> VersionAsync(IDocumentStore store, TenantId tenant, string courseId, string rubricId, int version, CancellationToken ct)
    {
        var current = await FindAsync(store, tenant, courseId, rubricId, ct).ConfigureAwait(false);
        if (current is null || version < 1 || version > current.Value.Version)
        {
            return null;
        }

        if (version == current.Value.Version)
        {
            return current.Value.Rubric;
        }

        var frozen = await store.GetAsync<RubricVersionRecord>(tenant, RubricVersionRecord.IdOf(rubricId, version), courseId, ct).ConfigureAwait(false);
        return frozen?.Value.Rubric;
    }

    /// <summary>Whether the caller teaches the course (the rubric routes' 404 rule).</summary>
    public static async Task<bool> TeachesAsync(CourseAccess access, Caller caller, string courseId, CancellationToken ct) =>
        ResourceId.IsValid(courseId) && await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false);
}
