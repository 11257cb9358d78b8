using EdTech.Application.Content.Tagging;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Tests.Content;

public sealed class ItemContentHashTests
{
    private static readonly AssessmentItem Item = new("q1", ItemType.SingleChoice, "2+2?", ["3", "4"], AnswerValue.OfText("4"), null, 1, ["arithmetic"]);

    [Fact]
    public void Of_SkillsPointsOrTolerance_Changed_IsTheSame()
    {
        var retagged = Item with { Skills = ["arithmetic", "number-sense"], Points = 5, Tolerance = 0.1m };

        Assert.Equal(ItemContentHash.Of(Item), ItemContentHash.Of(retagged));
    }

    public static TheoryData<AssessmentItem> ContentEdits() =>
    [
        Item with { Prompt = "3+3?" },
        Item with { Choices = ["3", "4", "5"] },
        Item with { Answer = AnswerValue.OfText("3") },
        Item with { Type = ItemType.MultiChoice },
    ];

    [Theory]
    [MemberData(nameof(ContentEdits))]
    public void Of_PromptChoicesAnswerOrType_Changed_Differs(AssessmentItem edited) =>
        Assert.NotEqual(ItemContentHash.Of(Item), ItemContentHash.Of(edited));
}
