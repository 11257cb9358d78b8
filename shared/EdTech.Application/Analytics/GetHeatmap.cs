using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>
/// GET …/courses/{courseId}/analytics/heatmap?kind=item-section: the course's items × its enrollment sections from the statistics
/// projection (each student's latest graded attempt), cells under <see cref="MinCount"/> responses hidden. The teacher route's
/// enrollment is checked by the access table's course scope; the content route (tenant scope) needs only the course to exist.
/// Cached per course with the course tag, like the statistics.
/// </summary>
public sealed class GetHeatmapHandler(IDocumentStore store, TeacherQueryCache cache)
{
    /// <summary>Fewer responses than this and a cell is hidden. The issue asks for a tenant setting; it is a constant until one exists.</summary>
    public const int MinCount = 5;

    public static readonly IReadOnlySet<string> PlannedKinds = new HashSet<string>(["skill-week", "module-week"], StringComparer.Ordinal);

    public async Task<Outcome<Heatmap>> HandleAsync(Caller caller, string courseId, string? kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        kind ??= Heatmap.ItemSection;
        if (kind != Heatmap.ItemSection)
        {
            return Problem.Invalid("kind", PlannedKinds.Contains(kind) ? $"'{kind}' is not available yet; 'item-section' is." : "'item-section'.");
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var map = await cache.GetOrCreateAsync(caller.Tenant, $"heatmap:{kind}:{courseId}", [TeacherQueryCache.CourseTag(caller.Tenant, courseId)],
            token => new ValueTask<Heatmap>(ItemSectionAsync(caller.Tenant, courseId, token)), ct).ConfigureAwait(false);
        return Outcome<Heatmap>.Ok(map);
    }

    private async Task<Heatmap> ItemSectionAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var course = DocumentQuery.InPartition(courseId);
        var sections = (await store.QueryAsync<EnrollmentRecord>(tenant, course, ct).ConfigureAwait(false))
            .Where(e => e.Value.Role == Roles.Student).ToDictionary(e => e.Value.UserId, e => e.Value.Section, StringComparer.Ordinal);
        var rows = new List<HeatmapAxis>();
        var sectionAttempts = new List<SectionAttempt>();
        foreach (var (a, attempts) in await CourseAttempts.LoadAsync(store, tenant, courseId, ct).ConfigureAwait(false))
        {
            var points = a.Assessment.Items.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal);
            rows.AddRange(a.Assessment.Items.Select(i => new HeatmapAxis($"{a.Id}/{i.Id}", $"{a.Assessment.Title} · {i.Id}: {i.Prompt}")));
            foreach (var latest in attempts.Where(c => sections.ContainsKey(c.UserId)))
            {
                sectionAttempts.Add(new SectionAttempt(sections[latest.UserId], latest.Items
                    .Where(i => points.ContainsKey(i.ItemId))
                    .ToDictionary(i => $"{a.Id}/{i.ItemId}", i => (i.Score ?? 0, points[i.ItemId]), StringComparer.Ordinal)));
            }
        }

        return ItemSectionHeatmap.Build(rows, sectionAttempts, MinCount);
    }
}
