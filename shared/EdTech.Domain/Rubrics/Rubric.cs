namespace EdTech.Domain.Rubrics;

/// <summary>One level of a criterion: what the work looks like at that level and the points it earns.</summary>
public sealed record RubricLevel(string Id, string Title, string? Description, decimal Points);

/// <summary>One criterion of a rubric, with its levels in the teacher's order (usually best first or worst first).</summary>
public sealed record RubricCriterion(string Id, string Title, string? Description, IReadOnlyList<RubricLevel> Levels)
{
    /// <summary>The points of the criterion's highest level.</summary>
    public decimal MaxPoints => Levels.Count == 0 ? 0 : Levels.Max(l => l.Points);
}

/// <summary>A rubric: criteria × levels. Its maximum is the sum of each criterion's highest level.</summary>
public sealed record Rubric(string Id, string Title, string? Description, IReadOnlyList<RubricCriterion> Criteria)
{
    public decimal MaxPoints => Criteria.Sum(c => c.MaxPoints);
}
