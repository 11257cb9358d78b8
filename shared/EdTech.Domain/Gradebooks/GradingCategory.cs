namespace EdTech.Domain.Gradebooks;

/// <summary>One category of a course's grading scheme: its weight (any positive number, renormalised) and how many of its lowest results are dropped.</summary>
public sealed record GradingCategory(string Id, string Name, decimal Weight, int DropLowest);

/// <summary>One graded result as the weighting sees it: the assessment, its category (null = none) and the score out of the maximum.</summary>
public sealed record GradedResult(string AssessmentId, string? Category, decimal Score, decimal MaxScore);

/// <summary>A category's mean percent (null when it has no graded work) and the assessments its drop-lowest rule removed.</summary>
public sealed record CategoryResult(string Id, decimal? Percent, IReadOnlyList<string> Dropped);

/// <summary>The weighted percent over categories with graded work (null when none has any), and each category's result in scheme order.</summary>
public sealed record WeightedGrade(decimal? WeightedPercent, IReadOnlyList<CategoryResult> Categories);
