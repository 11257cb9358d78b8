namespace EdTech.Application.Grading;

public sealed record GradingResult(string SubmissionId, string Status, decimal? Score, decimal MaxScore);
