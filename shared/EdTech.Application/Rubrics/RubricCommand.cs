namespace EdTech.Application.Rubrics;

public sealed record RubricLevelInput(string? Id, string? Title, string? Description, decimal? Points);

public sealed record RubricCriterionInput(string? Id, string? Title, string? Description, IReadOnlyList<RubricLevelInput>? Levels);

/// <summary>The body of a rubric create or edit; the course comes from the route, the id from the body (create) or the route (edit).</summary>
public sealed record RubricCommand(string? Id, string? Title, string? Description, IReadOnlyList<RubricCriterionInput>? Criteria);
