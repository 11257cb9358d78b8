using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>
/// Keeps <see cref="CourseItemsRecord"/>, the item × section heatmap's per-course sums (deferrable: it never slows an exam), from
/// three change feeds: the statistics projection's contributions (a graded, regraded or released attempt), enrollments (a
/// student's section, or a student joining or leaving) and assessments (items, points, prompts). Each course a batch touched gets
/// its sums recomputed from the store (<see cref="ItemSectionSums"/>: the latest graded attempt per student, as the read defined
/// it before), at most once per <see cref="RecomputeInterval"/>; within it the record is marked stale instead (a write that also
/// moves its ETag, so a recomputation that read the inputs before this change cannot overwrite the mark), and
/// <see cref="CurrentAsync"/> recomputes a stale record on read. A recomputation is a replacement, so a redelivered batch gives
/// the same sums. A contribution that no longer exists (erased) names no course and is skipped. After the batch the courses' cache
/// tag is invalidated, so a heatmap cached before it is rebuilt on the next read.
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
        var courses = new HashSet<(TenantId Tenant, string CourseId)>();
        var assessments = new Dictionary<(TenantId Tenant, string AssessmentId), string?>();
        foreach (var change in changes)
        {
            if (change.Container is Storage.Containers.Enrollments or Storage.Containers.Assessments)
            {
                courses.Add((change.Tenant, change.Partition)); // both are partitioned by course
            }
            else if (change.Container == Storage.Containers.AssessmentStatistics)
            {
                // Every contribution of an assessment (its partition) names the same course: read one that still exists.
                var key = (change.Tenant, change.Partition);
                if (assessments.GetValueOrDefault(key) is null)
                {
                    var contribution = await store.GetAsync<StatisticsContribution>(change.Tenant, change.Id, change.Partition, cancellationToken).ConfigureAwait(false);
                    assessments[key] = contribution?.Value.CourseId;
                }
            }
        }

        foreach (var ((tenant, _), courseId) in assessments)
        {
            if (courseId is not null)
            {
                courses.Add((tenant, courseId));
            }
        }

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
