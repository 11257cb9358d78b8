using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>
/// Keeps <see cref="CourseItemsRecord"/>, the item × section heatmap's per-course sums (deferrable: it never slows an exam), from
/// three change feeds: submissions (as the part <c>analytics-items-on-submissions</c> of the submission-insights consumer, after
/// the statistics part has written the submission's contribution in the same delivery), enrollments (a student's section, or a
/// student joining or leaving) and assessments (items, points, prompts). All three are partitioned by
/// course, so a change names its course without a read. Each course a batch touched gets its sums recomputed from the store
/// (<see cref="ItemSectionSums"/>: the latest graded attempt per student, as the read defined it before), at most once per
/// <see cref="RecomputeInterval"/>; within it the record is marked stale instead (a write that also moves its ETag, so a
/// recomputation that read the inputs before this change cannot overwrite the mark), and <see cref="CurrentAsync"/> recomputes
/// a stale record on read. A recomputation is a replacement, so a redelivered batch gives the same sums. After the batch the
/// courses' cache tag is invalidated, so a heatmap cached before it is rebuilt on the next read. (Until 2026-12-07 it read the
/// statistics contributions' own feed: one more change-feed delivery per submission, docs/projection-writes.md.)
/// </summary>
public sealed class AnalyticsItemsProjection(IDocumentStore store, TeacherQueryCache cache, TimeProvider clock) : IChangeFeedHandler
{
    /// <summary>
    /// How often a course's sums are recomputed by the feed at most. A recomputation reads every latest attempt of the course (one
    /// partition query per assessment; about 2 s for 1,000 students × 200 items on the busy 2-core machine, docs/benchmarks.md):
    /// per batch it would be quadratic at an exam peak.
    /// </summary>
    public static readonly TimeSpan RecomputeInterval = TimeSpan.FromSeconds(60);

    public string Name => ChangeFeedCatalog.AnalyticsItemsProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.AnalyticsItemsProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.AnalyticsItemsProjection.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // Submissions, enrollments and assessments are all partitioned by course.
        var courses = changes.Select(c => (c.Tenant, CourseId: c.Partition)).ToHashSet();
        foreach (var (tenant, courseId) in courses)
        {
            await RefreshAsync(tenant, courseId, cancellationToken).ConfigureAwait(false);
        }

        // A heatmap cached before this batch was built from the sums it changed (or marked stale): the next read rebuilds it.
        foreach (var tenant in courses.GroupBy(c => c.Tenant))
        {
            await cache.InvalidateCoursesAsync(tenant.Key, tenant.Select(c => c.CourseId), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The course's item × section sums for a read: the stored record unless it is missing or stale, else recomputed (and stored when nothing raced it).</summary>
    public Task<CourseItemsRecord> CurrentAsync(TenantId tenant, string courseId, CancellationToken ct) => Sums.CurrentAsync(tenant, courseId, ct);

    private Task RefreshAsync(TenantId tenant, string courseId, CancellationToken ct) => Sums.RefreshAsync(tenant, courseId, ct);

    /// <summary>The shared recompute-or-mark-stale rule over this projection's course record (built once; a race builds an equal one).</summary>
    private CourseSums<CourseItemsRecord> Sums => field ??= new(store, clock, RecomputeInterval, "The item × section sums", RecomputeAsync);

    private async Task<CourseItemsRecord> RecomputeAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var (rows, attempts) = await ItemSectionSums.LoadAsync(store, tenant, courseId, ct).ConfigureAwait(false);
        var (sections, sums) = ItemSectionSums.Sum(rows, attempts);
        return CourseItemsRecord.Of(courseId, rows, sections, sums, clock.GetUtcNow());
    }
}
