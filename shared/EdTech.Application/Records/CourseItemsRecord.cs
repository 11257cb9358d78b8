using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>One heatmap row of the item × section map: <c>assessmentId/itemId</c> and its label.</summary>
public sealed record ItemRow(string Id, string Label);

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
    string Id, IReadOnlyList<ItemRow> Rows, IReadOnlyList<string> Sections, IReadOnlyList<ItemSectionSum> Sums, bool Stale, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.CourseAnalyticsItems;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
