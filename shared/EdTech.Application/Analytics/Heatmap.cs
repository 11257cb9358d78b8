namespace EdTech.Application.Analytics;

public sealed record HeatmapAxis(string Id, string Label);

/// <summary>
/// A heatmap as the API returns it: <c>cells[r][c]</c> the value of row r in column c (null when fewer than
/// <see cref="MinCount"/> responses, so no single student's result can be read off it), <c>counts[r][c]</c> the responses
/// behind it (shown also where the value is suppressed: a count reveals no result, and tells the teacher why the cell is empty).
/// </summary>
[System.ComponentModel.ImmutableObject(true)] // HybridCache hands out the cached instance instead of a deserialized copy (200 × 30 cells)
public sealed record Heatmap(string Kind, IReadOnlyList<HeatmapAxis> Rows, IReadOnlyList<HeatmapAxis> Columns, IReadOnlyList<IReadOnlyList<double?>> Cells,
    IReadOnlyList<IReadOnlyList<int>> Counts, int MinCount)
{
    public const string ItemSection = "item-section";
    public const string SkillWeek = "skill-week";
    public const string ModuleWeek = "module-week";

    public static IReadOnlyList<string> Kinds { get; } = [ItemSection, SkillWeek, ModuleWeek];
}

/// <summary>One student's latest graded attempt as the item × section heatmap reads it: section and, per item, (mark, points).</summary>
public sealed record SectionAttempt(string? Section, IReadOnlyDictionary<string, (decimal Mark, decimal Points)> Items);

/// <summary>
/// Item × section: the share of the item's points earned (Σ marks ÷ Σ points) by the latest graded attempt of each student of the
/// section. Columns are the sections in ordinal order, then students without a section (id "", label "No section") if any.
/// </summary>
public static class ItemSectionHeatmap
{
    public const string NoSection = "";

    public static Heatmap Build(IReadOnlyList<HeatmapAxis> items, IReadOnlyList<SectionAttempt> attempts, int minCount)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(attempts);
        var sections = attempts.Select(a => a.Section ?? NoSection).Distinct(StringComparer.Ordinal)
            .OrderBy(s => s.Length == 0).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var columns = sections.Select(s => new HeatmapAxis(s, s.Length == 0 ? "No section" : s)).ToList();
        var index = sections.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var cells = new List<IReadOnlyList<double?>>(items.Count);
        var counts = new List<IReadOnlyList<int>>(items.Count);
        foreach (var item in items)
        {
            var marks = new decimal[sections.Count];
            var points = new decimal[sections.Count];
            var n = new int[sections.Count];
            foreach (var attempt in attempts)
            {
                if (attempt.Items.TryGetValue(item.Id, out var answer))
                {
                    var c = index[attempt.Section ?? NoSection];
                    marks[c] += answer.Mark;
                    points[c] += answer.Points;
                    n[c]++;
                }
            }

            cells.Add([.. Enumerable.Range(0, sections.Count).Select(c => n[c] >= minCount && points[c] > 0 ? (double?)(double)(marks[c] / points[c]) : null)]);
            counts.Add(n);
        }

        return new Heatmap(Heatmap.ItemSection, items, columns, cells, counts, minCount);
    }
}
