using EdTech.Application.Records;
using EdTech.Application.Records.Views;

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

    /// <summary>The map computed from the attempts themselves (the reference the projected sums are tested against).</summary>
    public static Heatmap Build(IReadOnlyList<HeatmapAxis> items, IReadOnlyList<SectionAttempt> attempts, int minCount)
    {
        var (sections, sums) = ItemSectionSums.Sum(items, attempts);
        return FromSums(items, sections, sums, minCount);
    }

    /// <summary>The map from a course's stored sums (<see cref="CourseItemsRecord"/>): the rows' aligned arrays, no lookups.</summary>
    public static Heatmap FromSums(CourseItemsRecord record, int minCount)
    {
        ArgumentNullException.ThrowIfNull(record);
        var columns = record.Sections.Select(Column).ToList();
        var cells = new List<IReadOnlyList<double?>>(record.Rows.Count);
        var counts = new List<IReadOnlyList<int>>(record.Rows.Count);
        foreach (var row in record.Rows)
        {
            var cellRow = new double?[columns.Count];
            for (var c = 0; c < cellRow.Length; c++)
            {
                cellRow[c] = row.Counts[c] >= minCount && row.Counts[c] > 0 && row.Points[c] > 0 ? (double)(row.Marks[c] / row.Points[c]) : null;
            }

            cells.Add(cellRow);
            counts.Add(row.Counts);
        }

        return new Heatmap(Heatmap.ItemSection, [.. record.Rows.Select(r => new HeatmapAxis(r.Id, r.Label))], columns, cells, counts, minCount);
    }

    private static HeatmapAxis Column(string section) => new(section, section.Length == 0 ? "No section" : section);

    /// <summary>
    /// Rows as given, columns the sections in the order given (label "No section" for ""); a cell is Σ marks ÷ Σ points, null
    /// under <paramref name="minCount"/> responses or without points; its count 0 when no sum names it.
    /// </summary>
    public static Heatmap FromSums(IReadOnlyList<HeatmapAxis> items, IReadOnlyList<string> sections, IReadOnlyList<ItemSectionSum> sums, int minCount)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(sums);
        var columns = sections.Select(Column).ToList();
        var byCell = sums.ToDictionary(s => (s.ItemId, s.Section));
        var cells = new List<IReadOnlyList<double?>>(items.Count);
        var counts = new List<IReadOnlyList<int>>(items.Count);
        foreach (var item in items)
        {
            var row = sections.Select(s => byCell.GetValueOrDefault((item.Id, s))).ToList();
            cells.Add([.. row.Select(c => c is not null && c.Count >= minCount && c.Points > 0 ? (double?)(double)(c.Marks / c.Points) : null)]);
            counts.Add([.. row.Select(c => c?.Count ?? 0)]);
        }

        return new Heatmap(Heatmap.ItemSection, items, columns, cells, counts, minCount);
    }
}
