namespace EdTech.Domain.Grading;

/// <summary>A teacher's score for one item, as merged: for a rubric item <see cref="Score"/> was computed from the chosen <see cref="Rubric"/> levels.</summary>
public sealed record TeacherScore(string ItemId, decimal Score, string? Comment = null, RubricScore? Rubric = null);

/// <summary>One item a review changed: its score before (a blank one for an item not scored yet) and after.</summary>
public sealed record ItemScoreChange(ItemScore Before, ItemScore After)
{
    public bool ScoreChanged => Before.Score != After.Score;

    /// <summary>Other levels were chosen (the score may still be the same): audited apart from the score.</summary>
    public bool RubricChanged => After.Rubric is not null && Before.Rubric != After.Rubric;
}

/// <param name="Grade">The submission's grade after the review.</param>
/// <param name="ItemChanges">The items whose score, comment, override flag or rubric levels changed, in the order given.</param>
/// <param name="ScoreChanged">The final score changed (also from or to none).</param>
/// <param name="ReviewCompleted">The review scored the last unscored item of a submission awaiting review: it is now graded.</param>
public sealed record ReviewOutcome(SubmissionGrade Grade, IReadOnlyList<ItemScoreChange> ItemChanges, bool ScoreChanged, bool ReviewCompleted)
{
    /// <summary>
    /// The review changed nothing at all (no item, and no score, status or graded time derived from them): the same scores
    /// sent again, e.g. a retried request. Nothing is written, audited or released.
    /// </summary>
    public bool ChangesNothing { get; init; }
}

/// <summary>Why a teacher's score for an item is refused (<see cref="Valid"/> when it is not).</summary>
public enum ScoreCheck
{
    Valid,
    Missing,
    OutOfRange,
    OverrideNeedsReason,
}
