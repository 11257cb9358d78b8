using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;

namespace EdTech.Domain.Tests.Grading;

/// <summary>The rules of a teacher's review and of a first auto-grading (<see cref="SubmissionGrade"/>).</summary>
public sealed class SubmissionGradeTests
{
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 23, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Due.AddDays(3);
    private static readonly AssessmentItem Choice = new("q1", ItemType.SingleChoice, "p", ["x", "y"], AnswerValue.OfText("x"), null, 2, []);
    private static readonly AssessmentItem Essay = new("e1", ItemType.Essay, "Discuss", null, null, null, 10, []);
    private static readonly Assessment Exam = new("a1", "c1", "Exam", Due, 0, null, new LatePolicy(10, 50), new ReleasePolicy(ReleasePolicy.Immediate, null), [Choice, Essay]);

    private static SubmissionGrade AwaitingReview(DateTimeOffset? receivedAt = null, DateTimeOffset? extendedDeadline = null) =>
        new(SubmissionStatus.AwaitingReview, [new ItemScore("q1", 2, 2), new ItemScore("e1", null, 10)], null, null, null, receivedAt ?? Due, extendedDeadline);

    private static SubmissionGrade Graded(DateTimeOffset gradedAt) =>
        new(SubmissionStatus.Graded, [new ItemScore("q1", 2, 2), new ItemScore("e1", 6, 10, "ok")], 8, 8, gradedAt, Due, null);

    private static ItemScore Item(ReviewOutcome outcome, string id) => outcome.Grade.ItemScores.Single(s => s.ItemId == id);

    [Fact]
    public void Review_ScoresLastUnscoredItem_CompletesReviewAndGradesNow()
    {
        var outcome = AwaitingReview().Review(Exam, [new TeacherScore("e1", 7)], Now);

        Assert.Equal(SubmissionStatus.Graded, outcome.Grade.Status);
        Assert.Equal(Now, outcome.Grade.GradedAt);
        Assert.Equal(9, outcome.Grade.RawScore);
        Assert.Equal(9, outcome.Grade.Score);
        Assert.True(outcome.ReviewCompleted);
        Assert.True(outcome.ScoreChanged);
    }

    [Fact]
    public void Review_ItemLeftUnscored_StaysAwaitingReviewWithoutScore()
    {
        var outcome = AwaitingReview().Review(Exam, [new TeacherScore("q1", 1)], Now);

        Assert.Equal(SubmissionStatus.AwaitingReview, outcome.Grade.Status);
        Assert.Null(outcome.Grade.RawScore);
        Assert.Null(outcome.Grade.Score);
        Assert.Null(outcome.Grade.GradedAt);
        Assert.False(outcome.ReviewCompleted);
        Assert.False(outcome.ScoreChanged);
        Assert.Single(outcome.ItemChanges);
    }

    [Fact]
    public void Review_AssessmentItemWithoutStoredScore_IsIncompleteUntilScored()
    {
        var grade = AwaitingReview() with { ItemScores = [new ItemScore("q1", 2, 2)] };

        var incomplete = grade.Review(Exam, [new TeacherScore("q1", 2, "fine")], Now);
        var complete = grade.Review(Exam, [new TeacherScore("e1", 5)], Now);

        Assert.Null(incomplete.Grade.Score);
        Assert.Equal(new ItemScore("e1", 5, 10), Item(complete, "e1"));
        Assert.Equal(7, complete.Grade.Score);
    }

    [Fact]
    public void Review_Late_FinalScoreHasThePenaltyRawScoreHasNot()
    {
        var outcome = AwaitingReview(receivedAt: Due.AddHours(1)).Review(Exam, [new TeacherScore("e1", 8)], Now);

        Assert.Equal(10, outcome.Grade.RawScore);
        Assert.Equal(9, outcome.Grade.Score);
    }

    [Fact]
    public void Review_LateButWithinExtendedDeadline_HasNoPenalty()
    {
        var outcome = AwaitingReview(receivedAt: Due.AddHours(1), extendedDeadline: Due.AddDays(1)).Review(Exam, [new TeacherScore("e1", 8)], Now);

        Assert.Equal(10, outcome.Grade.Score);
    }

    [Fact]
    public void Review_ChangedAutoScore_MarksItOverridden()
    {
        var outcome = AwaitingReview().Review(Exam, [new TeacherScore("q1", 1)], Now);

        Assert.Equal(new ItemScore("q1", 1, 2, Overridden: true), Item(outcome, "q1"));
    }

    [Fact]
    public void Review_EssayScore_IsNotAnOverride() =>
        Assert.Null(Item(AwaitingReview().Review(Exam, [new TeacherScore("e1", 4)], Now), "e1").Overridden);

    [Fact]
    public void Review_AutoScoreKeptWithComment_IsNotAnOverride()
    {
        var outcome = AwaitingReview().Review(Exam, [new TeacherScore("q1", 2, "well done")], Now);

        Assert.Equal(new ItemScore("q1", 2, 2, "well done"), Item(outcome, "q1"));
        var change = Assert.Single(outcome.ItemChanges);
        Assert.False(change.ScoreChanged);
    }

    [Fact]
    public void Review_OverriddenItemScoredBackToItsAutoScore_StaysOverridden()
    {
        var grade = AwaitingReview() with { ItemScores = [new ItemScore("q1", 1, 2, Overridden: true), new ItemScore("e1", null, 10)] };

        Assert.True(Item(grade.Review(Exam, [new TeacherScore("q1", 2)], Now), "q1").Overridden);
    }

    [Fact]
    public void Review_NoComment_KeepsTheOldComment() =>
        Assert.Equal("ok", Item(Graded(Due).Review(Exam, [new TeacherScore("e1", 9)], Now), "e1").Comment);

    [Fact]
    public void Review_UnchangedItem_IsNoChange()
    {
        var grade = Graded(Due);

        var outcome = grade.Review(Exam, [new TeacherScore("e1", 6)], Now);

        Assert.Empty(outcome.ItemChanges);
        Assert.False(outcome.ScoreChanged);
        Assert.Equal(grade.ItemScores, outcome.Grade.ItemScores);
        Assert.Equal(8, outcome.Grade.Score);
        Assert.True(outcome.ChangesNothing);
    }

    [Fact]
    public void Review_ItemStillUnscored_ChangesNothing() =>
        Assert.True(AwaitingReview().Review(Exam, [new TeacherScore("q1", 2)], Now).ChangesNothing);

    [Fact]
    public void Review_OnlyAComment_ChangesSomething() =>
        Assert.False(Graded(Due).Review(Exam, [new TeacherScore("e1", 6, "better")], Now).ChangesNothing);

    [Fact]
    public void Review_GradeStoredWithoutItsScore_ChangesTheScoreSoChangesSomething()
    {
        var stale = Graded(Due) with { Score = null, RawScore = null };

        var outcome = stale.Review(Exam, [new TeacherScore("e1", 6)], Now);

        Assert.Empty(outcome.ItemChanges);
        Assert.False(outcome.ChangesNothing);
    }

    [Fact]
    public void Review_GradedSubmissionRescored_KeepsStatusAndGradedAt()
    {
        var outcome = Graded(Due).Review(Exam, [new TeacherScore("e1", 9)], Now);

        Assert.Equal(SubmissionStatus.Graded, outcome.Grade.Status);
        Assert.Equal(Due, outcome.Grade.GradedAt);
        Assert.Equal(11, outcome.Grade.Score);
        Assert.True(outcome.ScoreChanged);
        Assert.False(outcome.ReviewCompleted);
        var change = Assert.Single(outcome.ItemChanges);
        Assert.Equal((6m, 9m), (change.Before.Score, change.After.Score));
    }

    [Fact]
    public void Review_OtherRubricLevelsSameScore_IsARubricChangeNotAScoreChange()
    {
        var old = new RubricScore("r1", 1, [new CriterionScore("content", "good", 3), new CriterionScore("style", "fair", 3)]);
        var chosen = new RubricScore("r1", 1, [new CriterionScore("content", "fair", 2), new CriterionScore("style", "good", 4)]);
        var grade = Graded(Due) with { ItemScores = [new ItemScore("q1", 2, 2), new ItemScore("e1", 6, 10, Rubric: old)] };

        var change = Assert.Single(grade.Review(Exam, [new TeacherScore("e1", 6, null, chosen)], Now).ItemChanges);

        Assert.True(change.RubricChanged);
        Assert.False(change.ScoreChanged);
    }

    [Fact]
    public void Review_SameRubricLevels_IsNoChange()
    {
        var levels = new RubricScore("r1", 1, [new CriterionScore("content", "good", 6)]);
        var grade = Graded(Due) with { ItemScores = [new ItemScore("q1", 2, 2), new ItemScore("e1", 6, 10, Rubric: levels)] };

        Assert.Empty(grade.Review(Exam, [new TeacherScore("e1", 6, null, levels with { Criteria = [.. levels.Criteria] })], Now).ItemChanges);
    }

    [Fact]
    public void CheckScore_NoScore_IsMissing() => Assert.Equal(ScoreCheck.Missing, SubmissionGrade.CheckScore(Essay, null, null, reasonGiven: true));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(10.01)]
    public void CheckScore_OutsideZeroToItemPoints_IsOutOfRange(decimal score) =>
        Assert.Equal(ScoreCheck.OutOfRange, SubmissionGrade.CheckScore(Essay, null, score, reasonGiven: true));

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void CheckScore_ZeroOrItemPoints_IsValid(decimal score) =>
        Assert.Equal(ScoreCheck.Valid, SubmissionGrade.CheckScore(Essay, null, score, reasonGiven: false));

    [Fact]
    public void CheckScore_ChangedAutoScoreWithoutReason_NeedsAReason() =>
        Assert.Equal(ScoreCheck.OverrideNeedsReason, SubmissionGrade.CheckScore(Choice, new ItemScore("q1", 2, 2), 1, reasonGiven: false));

    [Fact]
    public void CheckScore_ChangedAutoScoreWithReason_IsValid() =>
        Assert.Equal(ScoreCheck.Valid, SubmissionGrade.CheckScore(Choice, new ItemScore("q1", 2, 2), 1, reasonGiven: true));

    [Fact]
    public void CheckScore_SameAutoScoreWithoutReason_IsValid() =>
        Assert.Equal(ScoreCheck.Valid, SubmissionGrade.CheckScore(Choice, new ItemScore("q1", 2, 2), 2, reasonGiven: false));

    [Fact]
    public void CheckScore_AutoItemNotScoredYetWithoutReason_NeedsAReason() =>
        Assert.Equal(ScoreCheck.OverrideNeedsReason, SubmissionGrade.CheckScore(Choice, null, 2, reasonGiven: false));

    [Fact]
    public void AutoGraded_EveryItemScored_IsGradedNowWithThePenalty()
    {
        var outcome = new GradeOutcome([new ItemScore("q1", 2, 2), new ItemScore("e1", 8, 10)], 10, 12, NeedsReview: false);

        var grade = SubmissionGrade.AutoGraded(Exam, outcome, Due.AddHours(1), null, Now);

        Assert.Equal(new SubmissionGrade(SubmissionStatus.Graded, outcome.ItemScores, 10, 9, Now, Due.AddHours(1), null), grade);
    }

    [Fact]
    public void AutoGraded_ItemNeedsAHuman_AwaitsReviewWithoutScore()
    {
        var outcome = new GradeOutcome([new ItemScore("q1", 2, 2), new ItemScore("e1", null, 10)], 2, 12, NeedsReview: true);

        var grade = SubmissionGrade.AutoGraded(Exam, outcome, Due, null, Now);

        Assert.Equal(new SubmissionGrade(SubmissionStatus.AwaitingReview, outcome.ItemScores, null, null, null, Due, null), grade);
    }
}
