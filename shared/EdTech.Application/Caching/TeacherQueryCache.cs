using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;

namespace EdTech.Application.Caching;

/// <summary>
/// HybridCache in front of the teacher's query reads (gradebook, review queue, statistics). Every key
/// and tag starts with the tenant. Entries are tagged with the tenant and with each course they read,
/// and the writers of what they read (projection handlers, enrollments, assessments, grading schemes,
/// erasure) invalidate those tags, so a read after the change is fresh. The expiry bounds how stale
/// another instance's L1 can be until a shared L2 (IDistributedCache) is added to the composition.
/// </summary>
public sealed class TeacherQueryCache(HybridCache cache)
{
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromSeconds(30),
    };

    public ValueTask<T> GetOrCreateAsync<T>(TenantId tenant, string key, IEnumerable<string> tags, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"{tenant}:{key}", load, Entry, [TenantTag(tenant), .. tags], ct);

    public static string TenantTag(TenantId tenant) => $"{tenant}";

    public static string CourseTag(TenantId tenant, string courseId) => $"{tenant}:course:{courseId}";

    public static string TeacherTag(TenantId tenant, string userId) => $"{tenant}:teacher:{userId}";

    public ValueTask InvalidateCoursesAsync(TenantId tenant, IEnumerable<string> courseIds, CancellationToken ct = default) =>
        cache.RemoveByTagAsync(courseIds.Distinct(StringComparer.Ordinal).Select(c => CourseTag(tenant, c)), ct);

    public ValueTask InvalidateCourseAsync(TenantId tenant, string courseId, CancellationToken ct = default) =>
        cache.RemoveByTagAsync(CourseTag(tenant, courseId), ct);

    public ValueTask InvalidateTeacherAsync(TenantId tenant, string userId, CancellationToken ct = default) =>
        cache.RemoveByTagAsync(TeacherTag(tenant, userId), ct);

    public ValueTask InvalidateTenantAsync(TenantId tenant, CancellationToken ct = default) =>
        cache.RemoveByTagAsync(TenantTag(tenant), ct);
}
