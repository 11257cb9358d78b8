using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>The item × section map's inputs as read from the store, and their per-course sums (<see cref="CourseItemsRecord"/>).</summary>
public static class ItemSectionSums
{
    /// <summary>
    /// The course's items (assessment then item order) and each enrolled student's latest graded attempt at each assessment
    /// (from the statistics projection), with the student's enrollment section: one partition query per assessment.
    /// </summary>
    public static async Task<(IReadOnlyList<HeatmapAxis> Rows, IReadOnlyList<SectionAttempt> Attempts)> LoadAsync(IDocumentStore store, TenantId tenant, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var course = DocumentQuery.InPartition(courseId);
        var sections = (await store.QueryAsync<EnrollmentRecord>(tenant, course, ct).ConfigureAwait(false))
            .Where(e => e.Value.Role == Roles.Student).ToDictionary(e => e.Value.UserId, e => e.Value.Section, StringComparer.Ordinal);
        var rows = new List<HeatmapAxis>();
        var attempts = new List<SectionAttempt>();
        foreach (var (a, latest) in await CourseAttempts.LoadAsync(store, tenant, courseId, ct).ConfigureAwait(false))
        {
            var points = a.Assessment.Items.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal);
            rows.AddRange(a.Assessment.Items.Select(i => new HeatmapAxis($"{a.Id}/{i.Id}", $"{a.Assessment.Title} · {i.Id}: {i.Prompt}")));
            foreach (var attempt in latest.Where(c => sections.ContainsKey(c.UserId)))
            {
                attempts.Add(new SectionAttempt(sections[attempt.UserId], attempt.Items
                    .Where(i => points.ContainsKey(i.ItemId))
                    .ToDictionary(i => $"{a.Id}/{i.ItemId}", i => (i.Score ?? 0, points[i.ItemId]), StringComparer.Ordinal)));
            }
        }

        return (rows, attempts);
    }

    /// <summary>
    /// The columns (sections of the attempts, ordinal, then "" for no section) and, per row and column with at least one attempt
    /// holding the item, Σ marks, Σ points and that number, in row then column order.
    /// </summary>
    public static (IReadOnlyList<string> Sections, IReadOnlyList<ItemSectionSum> Sums) Sum(IReadOnlyList<HeatmapAxis> rows, IReadOnlyList<SectionAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(attempts);
        var sections = attempts.Select(a => a.Section ?? ItemSectionHeatmap.NoSection).Distinct(StringComparer.Ordinal)
            .OrderBy(s => s.Length == 0).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var totals = new Dictionary<(string Item, string Section), (decimal Marks, decimal Points, int Count)>();
        foreach (var attempt in attempts)
        {
            var section = attempt.Section ?? ItemSectionHeatmap.NoSection;
            foreach (var (item, answer) in attempt.Items)
            {
                var (marks, points, count) = totals.GetValueOrDefault((item, section));
                totals[(item, section)] = (marks + answer.Mark, points + answer.Points, count + 1);
            }
        }

        var sums = new List<ItemSectionSum>();
        foreach (var row in rows.Select(r => r.Id).Distinct(StringComparer.Ordinal))
        {
            foreach (var section in sections)
            {
                if (totals.TryGetValue((row, section), out var t))
                {
                    sums.Add(new ItemSectionSum(row, section, t.Marks, t.Points, t.Count));
                }
            }
        }

        return (sections, sums);
    }
}
