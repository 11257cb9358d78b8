using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>
/// GET …/courses/{courseId}/analytics/heatmap?kind=item-section|skill-week|module-week. item-section: the course's items × its
/// enrollment sections, from the sums kept by the analytics-items projection (<see cref="CourseItemsRecord"/>: each student's
/// latest graded attempt; one point read unless stale); skill-week and module-week: the
/// course's sums kept by the analytics-weeks projection (<see cref="CourseWeeksRecord"/>, one point read unless stale) and, for
/// module-week, the course's modules. Cells under the tenant's k
/// (<see cref="AnalyticsSettings"/>) are hidden. The teacher route's enrollment is checked by the access table's course scope;
/// the content route (tenant scope) needs only the course to exist. Cached per course and k with the course tag, like the statistics
/// (the weekly kinds show usage changes within the cache's local expiry).
/// </summary>
public sealed class GetHeatmapHandler(IDocumentStore store, TeacherQueryCache cache, AnalyticsSettings settings, AnalyticsWeeksProjection weeks,
    AnalyticsItemsProjection items)
{
    public async Task<Outcome<Heatmap>> HandleAsync(Caller caller, string courseId, string? kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        kind ??= Heatmap.ItemSection;
        if (!Heatmap.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            return Problem.Invalid("kind", $"One of {string.Join(", ", Heatmap.Kinds.Select(k => $"'{k}'"))}.");
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var k = await settings.MinCellCountAsync(caller.Tenant, ct).ConfigureAwait(false);
        var map = await cache.GetOrCreateAsync(caller.Tenant, $"heatmap:{kind}:{k}:{courseId}", [TeacherQueryCache.CourseTag(caller.Tenant, courseId)],
            token => new ValueTask<Heatmap>(BuildAsync(caller.Tenant, courseId, kind, k, token)), ct).ConfigureAwait(false);
        return Outcome<Heatmap>.Ok(map);
    }

    /// <summary>The heatmap computed from the store (what a cache miss runs; the benchmark measures this).</summary>
    public Task<Heatmap> BuildAsync(TenantId tenant, string courseId, string kind, int minCount, CancellationToken ct) => kind switch
    {
        Heatmap.SkillWeek => SkillWeekAsync(tenant, courseId, minCount, ct),
        Heatmap.ModuleWeek => ModuleWeekAsync(tenant, courseId, minCount, ct),
        _ => ItemSectionAsync(tenant, courseId, minCount, ct),
    };

    private async Task<Heatmap> SkillWeekAsync(TenantId tenant, string courseId, int minCount, CancellationToken ct)
    {
        var sums = await weeks.CurrentAsync(tenant, courseId, ct).ConfigureAwait(false);
        return WeekHeatmaps.SkillWeek(sums.Skills, minCount);
    }

    private async Task<Heatmap> ModuleWeekAsync(TenantId tenant, string courseId, int minCount, CancellationToken ct)
    {
        var sums = await weeks.CurrentAsync(tenant, courseId, ct).ConfigureAwait(false);
        var modules = await store.QueryAsync<ModuleRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        return WeekHeatmaps.ModuleWeek([.. modules.Select(m => m.Value)], sums.Modules, sums.Enrolled, minCount);
    }

    private async Task<Heatmap> ItemSectionAsync(TenantId tenant, string courseId, int minCount, CancellationToken ct)
    {
        var sums = await items.CurrentAsync(tenant, courseId, ct).ConfigureAwait(false);
        return ItemSectionHeatmap.FromSums(sums, minCount);
    }
}
