using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;

namespace EdTech.Domain.Tests.Grading;

/// <summary>Cases the mutation run (docs/mutation.md) showed no test decided: each fails under the named mutant.</summary>
public sealed class GradingMutantTests
{
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 23, 59, 0, TimeSpan.Zero);

    private static AssessmentItem Item(string type, AnswerValue? key, decimal points = 2) =>
        new("q1", type, "prompt", ["a", "b", "c"], key, null, points, []);

    private static Assessment Exam(LatePolicy? late, params AssessmentItem[] items) =>
        new("a1", "c1", "Exam", Due, 0, null, late, new ReleasePolicy(ReleasePolicy.Immediate, null), items);

    [Fact]
    public void Grade_TwoCorrectItems_RawScoreIsTheSumNotTheLargest()
    {
        var exam = Exam(null,
            new AssessmentItem("q1", ItemType.SingleChoice, "p", ["x", "y"], AnswerValue.OfText("x"), null, 2, []),
            new AssessmentItem("q2", ItemType.SingleChoice, "p", ["x", "y"], AnswerValue.OfText("y"), null, 3, []));

        var outcome = AssessmentGrader.Grade(exam, new Dictionary<string, AnswerValue> { ["q1"] = AnswerValue.OfText("x"), ["q2"] = AnswerValue.OfText("y") });

        Assert.Equal(5, outcome.RawScore);
    }

    [Fact]
    public void Grade_UnknownItemType_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item("drawing", AnswerValue.OfText("a")), AnswerValue.OfText("a")));

    [Fact]
    public void SingleChoice_AnswerAsOneChoiceList_EarnsFullPoints() =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfText("b")), AnswerValue.OfChoices(["b"])));

    [Fact]
    public void SingleChoice_AnswerAsSeveralChoices_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfText("b")), AnswerValue.OfChoices(["b", "c"])));

    [Fact]
    public void SingleChoice_NeitherAnswerNorKeyReadableAsText_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfChoices(["a", "b"])), AnswerValue.OfChoices(["a", "b"])));

    [Fact]
    public void Numeric_UnparsableTextAgainstKeyZero_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(0)), AnswerValue.OfText("abc")));

    [Fact]
    public void Numeric_KeyNotANumber_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfText("x")), AnswerValue.OfNumber(1)));

    [Fact]
    public void ShortText_NumericAnswerMatchingTextKey_EarnsFullPoints() =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.ShortText, AnswerValue.OfText("42")), AnswerValue.OfNumber(42)));

    [Fact]
    public void MultiChoice_AnswerAsText_CountsAsOneChoice()
    {
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.MultiChoice, AnswerValue.OfChoices(["a"])), AnswerValue.OfText("a")));
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.MultiChoice, AnswerValue.OfChoices(["a"])), AnswerValue.OfText("b")));
    }

    [Fact]
    public void MultiChoice_EmptyKeyAndAnswerWithoutChoices_EarnsFullPoints() =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.MultiChoice, AnswerValue.OfChoices([])), AnswerValue.OfNumber(1)));

    [Fact]
    public void Numeric_TextAnswer_IsParsedInvariantAndTrimmed()
    {
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(3.5m)), AnswerValue.OfText(" 3.5 ")));
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(3.5m)), AnswerValue.OfText("three")));
    }

    [Fact]
    public void Grade_ItemWithoutKey_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.SingleChoice, null), AnswerValue.OfText("a")));

    [Fact]
    public void FinalScore_ExactlyAtDeadline_KeepsRawScoreUnrounded() =>
        Assert.Equal(1.234567m, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 1.234567m, Due));

    [Fact]
    public void FinalScore_Early_KeepsRawScoreUnrounded() =>
        Assert.Equal(1.234567m, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 1.234567m, Due.AddDays(-3)));

    [Fact]
    public void FinalScore_OneTickLate_LosesOneDay() =>
        Assert.Equal(9m, AssessmentGrader.FinalScore(Exam(new LatePolicy(10, 50)), 10m, Due.AddTicks(1)));

    [Fact]
    public void FinalScore_PenaltyAbove100Percent_ClampsToZeroNotNegative() =>
        Assert.Equal(0m, AssessmentGrader.FinalScore(Exam(new LatePolicy(60, -50)), 10m, Due.AddDays(1.5)));

    [Fact]
    public void FinalScore_RoundsToFourPlacesAwayFromZero() =>
        Assert.Equal(0.3333m, AssessmentGrader.FinalScore(Exam(new LatePolicy(50, 0)), 0.6665m, Due.AddHours(1)));

    [Fact]
    public void IsAutoGraded_EssayIsNot_OthersAre()
    {
        Assert.False(ItemType.IsAutoGraded(ItemType.Essay));
        Assert.All(ItemType.All.Where(t => t != ItemType.Essay), t => Assert.True(ItemType.IsAutoGraded(t)));
    }

    [Theory]
    [InlineData(SubmissionStatus.Graded, true)]
    [InlineData(SubmissionStatus.Released, true)]
    [InlineData(SubmissionStatus.Accepted, false)]
    [InlineData(SubmissionStatus.Grading, false)]
    [InlineData(SubmissionStatus.AwaitingReview, false)]
    [InlineData(SubmissionStatus.NotSubmitted, false)]
    public void IsFinished_OnlyGradedAndReleased(SubmissionStatus status, bool finished) =>
        Assert.Equal(finished, status.IsFinished());

    [Fact]
    public void AnswerValue_SameContent_IsEqual()
    {
        Assert.Equal(AnswerValue.OfText("a"), AnswerValue.OfText("a"));
        Assert.Equal(AnswerValue.OfNumber(2), AnswerValue.OfNumber(2));
        Assert.Equal(AnswerValue.OfChoices(["a", "b"]), AnswerValue.OfChoices(new List<string> { "a", "b" }));
    }

    [Fact]
    public void AnswerValue_DifferentContent_IsNotEqual()
    {
        Assert.NotEqual(AnswerValue.OfText("a"), AnswerValue.OfText("b"));
        Assert.NotEqual(AnswerValue.OfNumber(2), AnswerValue.OfNumber(3));
        Assert.NotEqual(AnswerValue.OfChoices(["a", "b"]), AnswerValue.OfChoices(["b", "a"]));
        Assert.NotEqual(AnswerValue.OfChoices(["a"]), AnswerValue.OfText("a"));
        Assert.NotEqual(AnswerValue.OfText("a"), AnswerValue.OfChoices(["a"]));
        Assert.False(AnswerValue.OfText("a").Equals(null));
    }
}
