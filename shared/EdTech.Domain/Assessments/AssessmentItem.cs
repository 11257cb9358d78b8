namespace EdTech.Domain.Assessments;

/// <param name="Options">The settings of the richer item types (docs/item-types.md); null on every item stored before them, which grade as they did.</param>
public sealed record AssessmentItem(
    string Id,
    string Type,
    string Prompt,
    IReadOnlyList<string>? Choices,
    AnswerValue? Answer,
    decimal? Tolerance,
    decimal Points,
    IReadOnlyList<string> Skills,
    ItemOptions? Options = null,
    string? RubricId = null);
