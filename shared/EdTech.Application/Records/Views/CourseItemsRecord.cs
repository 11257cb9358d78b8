using EdTech.Application.Analytics;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// One heatmap row of the item × section map: <c>assessmentId/itemId</c>, its label and, aligned with the record's sections,
/// Σ marks, Σ points and the number of latest graded attempts holding the item (0 where none). Arrays, not one object per cell:
/// 200 items × 30 sections is ~100 KB of JSON instead of ~480 KB, so a cache miss reads and parses a fifth (docs/benchmarks.md).
/// </summary>
public sealed record ItemRow(string Id, string Label, IReadOnlyList<decimal> Marks, IReadOnlyList<decimal> Points, IReadOnlyList<int> Counts)
{
    /// <summary>The sum of one section column, or null when no attempt holds the item there.</summary>
    public ItemSectionSum? At(int column, string section) =>
        Counts[column] == 0 ? null : new ItemSectionSum(Id, section, Marks[column], Points[column], Counts[column]);
}

/// <summary>Σ marks, Σ points and the number of latest graded attempts that hold one item, for one section ("" = no section).</summary>
public sealed record ItemSectionSum(string ItemId, string Section, decimal Marks, decimal Points, int Count);

/// <summary>
/// A course's item × section heatmap sums, recomputed from the statistics projection's latest graded attempts, the course's
/// assessments and its student enrollments (counts and sums only, no student's id). <see cref="Rows"/> are the course's items in
/// assessment then item order; <see cref="Sections"/> the sections with at least one student's latest graded attempt, in column
/// order. <see cref="Stale"/> is set when an input changed after <see cref="UpdatedAt"/> and the recomputation was put off (at
/// most one per <c>AnalyticsItemsProjection.RecomputeInterval</c>); the read recomputes a stale record. Id = the course.
/// </summary>
public sealed record CourseItemsRecord(
    string Id, IReadOnlyList<ItemRow> Rows, IReadOnlyList<string> Sections, bool Stale, DateTimeOffset UpdatedAt) : ICourseSums<CourseItemsRecord>
{
    public CourseItemsRecord AsStale() => this with { Stale = true };

    /// <summary>The record of <paramref name="rows"/> with their sums laid out per row (<see cref="ItemRow"/>).</summary>
    public static CourseItemsRecord Of(string id, IReadOnlyList<HeatmapAxis> rows, IReadOnlyList<string> sections, IReadOnlyList<ItemSectionSum> sums, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sections);
        var byCell = sums.ToDictionary(s => (s.ItemId, s.Section));
        return new CourseItemsRecord(id, [.. rows.Select(r =>
        {
            var cells = sections.Select(s => byCell.GetValueOrDefault((r.Id, s))).ToList();
            return new ItemRow(r.Id, r.Label, [.. cells.Select(c => c?.Marks ?? 0)], [.. cells.Select(c => c?.Points ?? 0)], [.. cells.Select(c => c?.Count ?? 0)]);
        })], sections, Stale: false, at);
    }

    /// <summary>Every non-empty cell's sum, row then column order (a method, so it is not stored).</summary>
    public IEnumerable<ItemSectionSum> AllSums() => Rows.SelectMany(r => Sections.Select((s, c) => r.At(c, s)).OfType<ItemSectionSum>());

    public static string Container => Containers.CourseAnalyticsItems;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
