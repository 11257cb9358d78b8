namespace EdTech.Domain.Grading;

/// <summary>
/// Score of one item; <see cref="Score"/> is null while a teacher still has to grade it.
/// <see cref="Overridden"/> is true once a teacher replaced an auto-score: a regrade keeps it.
/// <see cref="Rubric"/> holds the chosen levels when the item was scored with a rubric (the score is computed from them).
/// </summary>
public sealed record ItemScore(string ItemId, decimal? Score, decimal MaxScore, string? Comment = null, bool? Overridden = null, RubricScore? Rubric = null);
