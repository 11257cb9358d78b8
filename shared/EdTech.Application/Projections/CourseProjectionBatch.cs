using EdTech.Application.Caching;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Projections;

/// <summary>
/// Applies a batch of changes in feed order, then invalidates the cached teacher reads of every course
/// a change touched (once per course, after the writes, so a read that follows sees them). Also when a
/// change fails midway: the redelivered batch skips the changes already applied, so their courses
/// would otherwise never be invalidated.
/// </summary>
internal static class CourseProjectionBatch
{
    public static async Task ApplyAsync(IReadOnlyList<StoredDocument> changes, Func<StoredDocument, CancellationToken, Task<string?>> apply, TeacherQueryCache cache, CancellationToken ct)
    {
        var changed = new HashSet<(TenantId Tenant, string CourseId)>();
        try
        {
            foreach (var change in changes)
            {
                if (await apply(change, ct).ConfigureAwait(false) is { } course)
                {
                    changed.Add((change.Tenant, course));
                }
            }
        }
        finally
        {
            foreach (var tenant in changed.GroupBy(c => c.Tenant))
            {
                await cache.InvalidateCoursesAsync(tenant.Key, tenant.Select(c => c.CourseId), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
