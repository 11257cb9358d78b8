using EdTech.Application.Records;
using EdTech.Domain.Rubrics;

namespace EdTech.Application.Rubrics;

/// <summary>A rubric as teachers read it; <see cref="MaxPoints"/> is the sum of each criterion's highest level.</summary>
public sealed record RubricView(
    string RubricId, string CourseId, int Version, string Title, string? Description, IReadOnlyList<RubricCriterion> Criteria, decimal MaxPoints,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RubricView Of(RubricRecord r) =>
        new(r.Id, r.CourseId, r.Version, r.Rubric.Title, r.Rubric.Description, r.Rubric.Criteria, r.Rubric.MaxPoints, r.CreatedAt, r.UpdatedAt);

    public static RubricView Of(RubricVersionRecord r, RubricRecord current) =>
        new(r.RubricId, r.CourseId, r.Version, r.Rubric.Title, r.Rubric.Description, r.Rubric.Criteria, r.Rubric.MaxPoints, current.CreatedAt, r.CreatedAt);
}

/// <summary>A rubric with the ETag of its current version (null when an earlier version was read: only the current one can be edited).</summary>
public sealed record TeacherRubric(RubricView View, string? ETag);

/// <summary>One rubric in a course's list (criteria and levels: the single read).</summary>
public sealed record RubricSummary(string RubricId, string CourseId, string Title, int Version, int CriterionCount, decimal MaxPoints, DateTimeOffset UpdatedAt)
{
    public static RubricSummary Of(RubricRecord r) => new(r.Id, r.CourseId, r.Rubric.Title, r.Version, r.Rubric.Criteria.Count, r.Rubric.MaxPoints, r.UpdatedAt);
}
