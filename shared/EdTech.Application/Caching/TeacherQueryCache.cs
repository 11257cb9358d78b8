using System.Collections.Concurrent;
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
/// A load that started before an invalidation may finish after it and store what it read before the
/// write. So each entry carries when its load started (an in-process counter), each invalidation is
/// stamped on the same counter, and an entry loaded before its tags' last invalidation is dropped and
/// loaded again. The expiry bounds how stale another instance's L1 can be until a shared L2
/// (IDistributedCache) is registered in the composition.
/// </remarks>
public sealed class TeacherQueryCache(HybridCache cache)
{
    private const int MaxAttempts = 3;

    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromSeconds(30),
    };

    private readonly ConcurrentDictionary<string, long> _invalidatedAt = new(StringComparer.Ordinal);
    private long _counter;

    public async ValueTask<T> GetOrCreateAsync<T>(TenantId tenant, string key, IEnumerable<string> tags, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct)
    {
        var fullKey = $"{tenant}:{key}";
        string[] allTags = [TenantTag(tenant), .. tags];
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entry = await cache.GetOrCreateAsync(fullKey, (Load: load, Cache: this), static async (state, token) =>
            {
                var startedAt = Interlocked.Increment(ref state.Cache._counter);
                return new Stamped<T>(startedAt, await state.Load(token).ConfigureAwait(false));
            }, Entry, allTags, ct).ConfigureAwait(false);
            if (!allTags.Any(t => _invalidatedAt.TryGetValue(t, out var at) && at > entry.LoadStartedAt))
            {
                return entry.Value;
            }

            await cache.RemoveAsync(fullKey, ct).ConfigureAwait(false);
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

    public ValueTask InvalidateTenantAsync(TenantId tenant, CancellationToken ct = default) => InvalidateAsync([TenantTag(tenant)], ct);

    private ValueTask InvalidateAsync(IReadOnlyList<string> tags, CancellationToken ct)
    {
        var at = Interlocked.Increment(ref _counter);
        foreach (var tag in tags)
        {
            _invalidatedAt[tag] = at;
        }

        return cache.RemoveByTagAsync(tags, ct);
    }

    /// <summary>A cached value and the counter value when its load started.</summary>
    public sealed record Stamped<T>(long LoadStartedAt, T Value);
}
