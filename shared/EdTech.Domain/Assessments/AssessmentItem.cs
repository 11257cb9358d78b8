namespace EdTech.Domain.Assessments;

public sealed record AssessmentItem(
    string Id,
    string Type,
    string Prompt,
    IReadOnlyList<string>? Choices,
    AnswerValue? Answer,
    decimal? Tolerance,
    decimal Points,
    IReadOnlyList<string> Skills,
    string? RubricId = null);
