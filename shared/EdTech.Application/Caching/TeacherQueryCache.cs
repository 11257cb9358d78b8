using System.Runtime.CompilerServices;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;

namespace EdTech.Application.Caching;

/// <summary>
/// HybridCache in front of the teacher's query reads (gradebook, review queue, statistics). Every key
/// and tag starts with the tenant. Entries are tagged with the tenant and with each course (or teacher)
/// they read, and the writers of what they read (projection handlers, enrollments, assessments, grading
/// schemes, erasure) invalidate those tags after writing, so a read after the change is fresh.
/// </summary>
/// <remarks>
/// Invalidation means the same on every instance: each key carries the current stamps of its tags
/// (<see cref="ICacheStamps"/>, in Redis when there is one), and an invalidation gives the tags new stamps, so
/// every instance's next read uses a new key, whatever its own memory still holds. A load that started before
/// an invalidation may finish after it: it is stored under the old key (never read again), and the caller is
/// not answered with it but loads again under the new stamps.
/// </remarks>
public sealed class TeacherQueryCache(HybridCache cache, ICacheStamps stamps)
{
    private const int MaxAttempts = 3;

    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromSeconds(30),
    };

    /// <summary>The longest an entry lives (in any cache level); stamps kept in process outlive it (<see cref="LocalCacheStamps"/>).</summary>
    public static TimeSpan EntryLifetime { get; } = Entry.Expiration!.Value;

    public async ValueTask<T> GetOrCreateAsync<T>(TenantId tenant, string key, IEnumerable<string> tags, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct)
    {
        string[] allTags = [TenantTag(tenant), .. tags];
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stamp = await stamps.ReadAsync(allTags, ct).ConfigureAwait(false);
            var loaded = new StrongBox<bool>();
            var value = await cache.GetOrCreateAsync($"{tenant}:{key}@{stamp}", (Load: load, Loaded: loaded), static async (state, token) =>
            {
                state.Loaded.Value = true;
                return await state.Load(token).ConfigureAwait(false);
            }, Entry, allTags, ct).ConfigureAwait(false);
            // A cached entry under the current stamps was loaded after their last invalidation; a value this call
            // loaded is good only if no invalidation happened meanwhile.
            if (attempt == 0)
            {
                // The first attempt only: a stamp race's reload is not another read by the caller.
                Telemetry.EdTechTelemetry.CacheReads.Add(1, new("edtech.cache", "teacher-query"), new("edtech.cache.result", loaded.Value ? "miss" : "hit"));
            }

            if (!loaded.Value || await stamps.ReadAsync(allTags, ct).ConfigureAwait(false) == stamp)
            {
                return value;
            }
        }

        // Invalidated during every attempt (a burst of changes): answer from the source uncached.
        return await load(ct).ConfigureAwait(false);
    }

    public static string TenantTag(TenantId tenant) => $"{tenant}";

    public static string CourseTag(TenantId tenant, string courseId) => $"{tenant}:course:{courseId}";

    public static string TeacherTag(TenantId tenant, string userId) => $"{tenant}:teacher:{userId}";

    public ValueTask InvalidateCoursesAsync(TenantId tenant, IEnumerable<string> courseIds, CancellationToken ct = default) =>
        InvalidateAsync([.. courseIds.Distinct(StringComparer.Ordinal).Select(c => CourseTag(tenant, c))], ct);

    public ValueTask InvalidateCourseAsync(TenantId tenant, string courseId, CancellationToken ct = default) => InvalidateAsync([CourseTag(tenant, courseId)], ct);

    public ValueTask InvalidateTeacherAsync(TenantId tenant, string userId, CancellationToken ct = default) => InvalidateAsync([TeacherTag(tenant, userId)], ct);

    /// <summary>
    /// An enrollment was added or removed: the course's gradebook rows change, and for a teacher's enrollment also the courses
    /// their review queue reads. A student's gives their user no teacher stamp, which the process would keep for ten minutes
    /// (a 10,000-student exam enrolled just before was 10,000 stamps, docs/benchmarks.md).
    /// </summary>
    public ValueTask InvalidateEnrollmentAsync(TenantId tenant, EnrollmentRecord enrollment, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return InvalidateAsync(enrollment.Role == Roles.Teacher
            ? [CourseTag(tenant, enrollment.CourseId), TeacherTag(tenant, enrollment.UserId)]
            : [CourseTag(tenant, enrollment.CourseId)], ct);
    }

    public ValueTask InvalidateTenantAsync(TenantId tenant, CancellationToken ct = default) => InvalidateAsync([TenantTag(tenant)], ct);

    // Only the stamps: entries under old stamps are never read again and expire (30 s in memory, EntryLifetime in L2).
    // HybridCache.RemoveByTagAsync is not called: HybridCache remembers every tag ever removed for the life of the
    // process, and teacher tags are per user (an enrollment invalidates one), so a term of enrollments grew that map by
    // one entry per user for good (10,000 per 10,000-student burst in the heap dumps, docs/benchmarks.md).
    private ValueTask InvalidateAsync(IReadOnlyList<string> tags, CancellationToken ct) => stamps.InvalidateAsync(tags, ct);
}
