namespace EdTech.Domain.Grading;

public sealed record GradeOutcome(IReadOnlyList<ItemScore> ItemScores, decimal RawScore, decimal MaxScore, bool NeedsReview);
