using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Domain.Tests.Grading;

public sealed class AssessmentGraderTests
{
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 23, 59, 0, TimeSpan.Zero);

    private static Assessment Exam(LatePolicy? late = null, params AssessmentItem[] items) =>
        new("a1", "c1", "Exam", Due, 300, null, late, new ReleasePolicy(ReleasePolicy.Immediate, null), items);

    private static AssessmentItem Choice(string id, decimal points) => new(id, ItemType.SingleChoice, "p", ["x", "y"], AnswerValue.OfText("x"), null, points, []);

    [Fact]
    public void Grade_SumsItemScoresAndMax()
    {
        var exam = Exam(null, Choice("q1", 2), Choice("q2", 3));
        var outcome = AssessmentGrader.Grade(exam, new Dictionary<string, AnswerValue> { ["q1"] = AnswerValue.OfText("x"), ["q2"] = AnswerValue.OfText("y") });
        Assert.Equal(2, outcome.RawScore);
        Assert.Equal(5, outcome.MaxScore);
        Assert.False(outcome.NeedsReview);
    }

    [Fact]
    public void Grade_WithEssay_NeedsReviewAndLeavesEssayUnscored()
    {
        var essay = new AssessmentItem("e1", ItemType.Essay, "Discuss", null, null, null, 10, []);
        var outcome = AssessmentGrader.Grade(Exam(null, Choice("q1", 2), essay), new Dictionary<string, AnswerValue> { ["q1"] = AnswerValue.OfText("x") });
        Assert.True(outcome.NeedsReview);
        Assert.Null(outcome.ItemScores.Single(s => s.ItemId == "e1").Score);
    }

    [Fact]
    public void Grade_IgnoresAnswersToUnknownItems()
    {
        var outcome = AssessmentGrader.Grade(Exam(null, Choice("q1", 2)), new Dictionary<string, AnswerValue> { ["zz"] = AnswerValue.OfText("x") });
        Assert.Equal(0, outcome.RawScore);
    }

    [Fact]
    public void IsLate_ExactlyAtDeadline_IsNotLate() => Assert.False(Exam().IsLate(Due.AddSeconds(300)));

    [Fact]
    public void IsLate_OneMillisecondAfterGrace_IsLate() => Assert.True(Exam().IsLate(Due.AddSeconds(300).AddMilliseconds(1)));

    [Fact]
    public void IsLate_AfterDueWithinGrace_IsNotLate() => Assert.False(Exam().IsLate(Due.AddSeconds(299)));

    [Fact]
    public void FinalScore_OnTime_IsRawScore() =>
        Assert.Equal(8, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 8, Due));

    [Fact]
    public void FinalScore_LateByPartOfADay_LosesOneDay() =>
        Assert.Equal(7.2m, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 8, Due.AddSeconds(301)));

    [Fact]
    public void FinalScore_LateByJustOverOneDay_LosesTwoDays() =>
        Assert.Equal(6.4m, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 8, Due.AddSeconds(300).AddDays(1).AddMinutes(1)));

    [Fact]
    public void FinalScore_VeryLate_NeverBelowFloor() =>
        Assert.Equal(4, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 8, Due.AddDays(30)));

    [Fact]
    public void FinalScore_LateWithoutPolicy_IsRawScore() =>
        Assert.Equal(8, AssessmentGrader.FinalScore(Exam(), 8, Due.AddDays(3)));
}
