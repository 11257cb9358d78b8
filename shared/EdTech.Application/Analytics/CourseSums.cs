using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>A course's analytics sums: one record per course (id = course), recomputed as a whole, stale-marked in between.</summary>
public interface ICourseSums<out TSelf> : IStoredRecord
    where TSelf : class, IStoredRecord
{
    bool Stale { get; }

    DateTimeOffset UpdatedAt { get; }

    /// <summary>The same record marked stale: an input changed after <see cref="UpdatedAt"/> and its recomputation was put off.</summary>
    TSelf AsStale();
}

/// <summary>
/// The rule the analytics projections share (<see cref="AnalyticsWeeksProjection"/>, <see cref="AnalyticsItemsProjection"/>): a
/// course's sums are recomputed by the feed at most once per <c>interval</c>; within it the record is marked stale instead (a
/// write that also moves its ETag, so a recomputation that read the inputs before the change cannot overwrite the mark), and a
/// read of a missing or stale record recomputes it. Writes are conditional on the ETag read; a conflict is retried, then thrown
/// so the feed redelivers the batch.
/// </summary>
/// <param name="describe">What the sums are, for the conflict message ("the weekly sums").</param>
/// <param name="compute">Recomputes a course's record from the store (a replacement: a redelivered batch gives the same sums).</param>
public sealed class CourseSums<T>(IDocumentStore store, TimeProvider clock, TimeSpan interval, string describe, Func<TenantId, string, CancellationToken, Task<T>> compute)
    where T : class, ICourseSums<T>
{
    public const int MaxConflictRetries = 8;

    /// <summary>The course's sums for a read: the stored record unless it is missing or stale, else recomputed (and stored when nothing raced it).</summary>
    public async Task<T> CurrentAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var stored = await store.GetAsync<T>(tenant, courseId, courseId, ct).ConfigureAwait(false);
        if (stored is not null && !stored.Value.Stale)
        {
            return stored.Value;
        }

        var (record, _) = await RecomputeAsync(tenant, courseId, stored, ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>After a change to one of the course's inputs: recompute, or mark stale within the interval.</summary>
    public async Task RefreshAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync<T>(tenant, courseId, courseId, ct).ConfigureAwait(false);
            var written = stored is not null && clock.GetUtcNow() - stored.Value.UpdatedAt < interval
                ? (await store.ReplaceAsync(tenant, stored.Value.AsStale(), stored.ETag, ct).ConfigureAwait(false)).Status == WriteStatus.Replaced
                : (await RecomputeAsync(tenant, courseId, stored, ct).ConfigureAwait(false)).Written;
            if (written)
            {
                return;
            }

            if (attempt >= MaxConflictRetries)
            {
                throw new ConcurrencyConflictException($"{describe} of '{courseId}' kept changing under their projection; the batch is retried.");
            }
        }
    }

    private async Task<(T Record, bool Written)> RecomputeAsync(TenantId tenant, string courseId, Versioned<T>? stored, CancellationToken ct)
    {
        var record = await compute(tenant, courseId, ct).ConfigureAwait(false);
        return (record, await store.WriteOverAsync(tenant, record, stored, ct).ConfigureAwait(false));
    }
}
