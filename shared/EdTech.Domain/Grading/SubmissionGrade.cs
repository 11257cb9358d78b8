using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;

namespace EdTech.Domain.Grading;

/// <summary>
/// A submission's grade and the rules that move it: auto-grading sets it, a teacher's review merges scores into it. A submission
/// is graded once every item of its assessment has a score: its raw score is then the sum of the item scores, its score the raw
/// score less the late penalty (counted from <see cref="ReceivedAt"/> against the student's <see cref="ExtendedDeadline"/>, if any).
/// While an item is unscored neither exists.
/// </summary>
public sealed record SubmissionGrade(
    SubmissionStatus Status, IReadOnlyList<ItemScore> ItemScores, decimal? RawScore, decimal? Score, DateTimeOffset? GradedAt, DateTimeOffset ReceivedAt, DateTimeOffset? ExtendedDeadline)
{
    /// <summary>The grade of a first auto-grading: graded at <paramref name="now"/>, or awaiting review while an item needs a human.</summary>
    public static SubmissionGrade AutoGraded(Assessment assessment, GradeOutcome outcome, DateTimeOffset receivedAt, DateTimeOffset? extendedDeadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var complete = !outcome.NeedsReview;
        return new SubmissionGrade(
            complete ? SubmissionStatus.Graded : SubmissionStatus.AwaitingReview,
            outcome.ItemScores,
            complete ? outcome.RawScore : null,
            complete ? AssessmentGrader.FinalScore(assessment, outcome.RawScore, receivedAt, extendedDeadline) : null,
            complete ? now : null,
            receivedAt,
            extendedDeadline);
    }

    /// <summary>
    /// Whether a teacher may give <paramref name="score"/> to <paramref name="item"/> (scored <paramref name="current"/> so far):
    /// a score is required, between 0 and the item's points, and changing an auto-scored item's score needs a reason.
    /// </summary>
    public static ScoreCheck CheckScore(AssessmentItem item, ItemScore? current, decimal? score, bool reasonGiven)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (score is null)
        {
            return ScoreCheck.Missing;
        }

        if (score < 0 || score > item.Points)
        {
            return ScoreCheck.OutOfRange;
        }

        return !reasonGiven && IsOverride(item, current?.Score, score.Value) ? ScoreCheck.OverrideNeedsReason : ScoreCheck.Valid;
    }

    /// <summary>
    /// Merges a teacher's (checked) scores, each for an item of <paramref name="assessment"/>. A given comment replaces the old one;
    /// a changed score of an auto-scored item marks it overridden, and an item once overridden stays so. A review that completes the
    /// scoring of a submission awaiting review grades it at <paramref name="now"/>; a graded or released one keeps its status and time.
    /// </summary>
    public ReviewOutcome Review(Assessment assessment, IReadOnlyList<TeacherScore> given, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(given);
        var items = assessment.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var scores = ItemScores.ToList();
        var changes = new List<ItemScoreChange>();
        foreach (var g in given)
        {
            var item = items[g.ItemId];
            var index = scores.FindIndex(s => s.ItemId == g.ItemId);
            var before = index >= 0 ? scores[index] : new ItemScore(g.ItemId, null, item.Points);
            var overridden = before.Overridden is true || IsOverride(item, before.Score, g.Score) ? true : (bool?)null;
            var after = before with { Score = g.Score, Comment = g.Comment ?? before.Comment, Overridden = overridden, Rubric = g.Rubric };
            if (after == before)
            {
                continue;
            }

            changes.Add(new ItemScoreChange(before, after));
            if (index >= 0)
            {
                scores[index] = after;
            }
            else
            {
                scores.Add(after);
            }
        }

        var complete = assessment.Items.All(i => scores.Any(s => s.ItemId == i.Id && s.Score is not null));
        var raw = complete ? scores.Sum(s => s.Score ?? 0) : 0;
        var awaitingReview = Status == SubmissionStatus.AwaitingReview;
        var reviewed = this with
        {
            ItemScores = scores,
            RawScore = complete ? raw : null,
            Score = complete ? AssessmentGrader.FinalScore(assessment, raw, ReceivedAt, ExtendedDeadline) : null,
            Status = complete && awaitingReview ? SubmissionStatus.Graded : Status,
            GradedAt = complete ? (awaitingReview ? now : GradedAt) : null,
        };
        return new ReviewOutcome(reviewed, changes, reviewed.Score != Score, complete && awaitingReview)
        {
            ChangesNothing = changes.Count == 0 && reviewed.Status == Status && reviewed.RawScore == RawScore && reviewed.Score == Score
                && reviewed.GradedAt == GradedAt,
        };
    }

    /// <summary>A teacher's score that differs from an auto-scored item's current one (none counts as different).</summary>
    private static bool IsOverride(AssessmentItem item, decimal? current, decimal score) => ItemType.IsAutoGraded(item.Type) && current != score;
}
