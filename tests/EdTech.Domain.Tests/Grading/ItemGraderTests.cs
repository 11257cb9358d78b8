using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Domain.Tests.Grading;

public sealed class ItemGraderTests
{
    private static AssessmentItem Item(string type, AnswerValue? key, decimal? tolerance = null, IReadOnlyList<string>? choices = null) =>
        new("q1", type, "prompt", choices ?? ["a", "b", "c"], key, tolerance, 2, ["skill"]);

    [Fact]
    public void SingleChoice_MatchingChoice_EarnsFullPoints() =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfText("b")), AnswerValue.OfText("b")));

    [Fact]
    public void SingleChoice_OtherChoice_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfText("b")), AnswerValue.OfText("a")));

    [Fact]
    public void SingleChoice_IsCaseSensitive() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfText("b")), AnswerValue.OfText("B")));

    [Fact]
    public void MultiChoice_SameSetInOtherOrder_EarnsFullPoints() =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.MultiChoice, AnswerValue.OfChoices(["a", "c"])), AnswerValue.OfChoices(["c", "a"])));

    [Theory]
    [InlineData("a")]
    [InlineData("a,b,c")]
    [InlineData("")]
    public void MultiChoice_SubsetOrSuperset_EarnsZero(string answer) =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.MultiChoice, AnswerValue.OfChoices(["a", "c"])), AnswerValue.OfChoices(answer.Split(',', StringSplitOptions.RemoveEmptyEntries))));

    [Theory]
    [InlineData(3.14, 3.14)]
    [InlineData(3.14, 3.19)]
    [InlineData(3.14, 3.09)]
    public void Numeric_WithinTolerance_EarnsFullPoints(double key, double answer) =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber((decimal)key), tolerance: 0.05m), AnswerValue.OfNumber((decimal)answer)));

    [Fact]
    public void Numeric_JustOutsideTolerance_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(3.14m), tolerance: 0.05m), AnswerValue.OfNumber(3.1901m)));

    [Fact]
    public void Numeric_WithoutTolerance_NeedsExactValue()
    {
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(42m)), AnswerValue.OfNumber(42.0m)));
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.Numeric, AnswerValue.OfNumber(42m)), AnswerValue.OfNumber(42.001m)));
    }

    [Theory]
    [InlineData("Paris")]
    [InlineData("  paris ")]
    [InlineData("PARIS")]
    public void ShortText_TrimmedCaseInsensitive_EarnsFullPoints(string answer) =>
        Assert.Equal(2, ItemGrader.Grade(Item(ItemType.ShortText, AnswerValue.OfText("Paris")), AnswerValue.OfText(answer)));

    [Fact]
    public void ShortText_DifferentWord_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.ShortText, AnswerValue.OfText("Paris")), AnswerValue.OfText("Pariss")));

    [Fact]
    public void Essay_IsNeverAutoGraded() =>
        Assert.Null(ItemGrader.Grade(Item(ItemType.Essay, null), AnswerValue.OfText("An essay")));

    [Fact]
    public void MissingAnswer_EarnsZero() =>
        Assert.Equal(0, ItemGrader.Grade(Item(ItemType.SingleChoice, AnswerValue.OfText("b")), null));
}
