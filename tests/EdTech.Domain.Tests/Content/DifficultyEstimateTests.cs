using EdTech.Domain.Assessments;
using EdTech.Domain.Content;

namespace EdTech.Domain.Tests.Content;

public sealed class DifficultyEstimateTests
{
    [Fact]
    public void Of_ShortRecallChoiceItem_IsEasiest_AndRemember()
    {
        var estimate = DifficultyEstimate.Of(Item(ItemType.SingleChoice, "What is the unit of force?", ["joule", "watt", "newton", "metre"]));

        Assert.Equal(new ItemDifficulty(1, BloomLevel.Remember), estimate);
    }

    [Fact]
    public void Of_LongEvaluateEssay_IsHardest_AndEvaluate()
    {
        var prompt = "Evaluate the claim that the alliance system was the main cause of the war. In your answer consider militarism, "
            + "imperialism and nationalism, weigh the evidence for each against the others, and reach a justified judgement of your own.";

        var estimate = DifficultyEstimate.Of(Item(ItemType.Essay, prompt));

        Assert.Equal(new ItemDifficulty(5, BloomLevel.Evaluate), estimate);
    }

    [Fact]
    public void Of_CalculationWithSeveralNumbers_IsHarderThanTheSameRecall()
    {
        var recall = DifficultyEstimate.Of(Item(ItemType.Numeric, "How many sides has a hexagon?"));
        var apply = DifficultyEstimate.Of(Item(ItemType.Numeric, "Calculate the area of a 12 m by 9 m garden less a 2 m path."));

        Assert.True(apply.Level > recall.Level, $"{apply} vs {recall}");
        Assert.Equal(BloomLevel.Apply, apply.Bloom);
    }

    [Theory]
    [InlineData("Design a poster about recycling.", BloomLevel.Create)]
    [InlineData("Compare plant and animal cells.", BloomLevel.Analyze)]
    [InlineData("Explain how a lever works.", BloomLevel.Understand)]
    [InlineData("Who wrote Hamlet?", BloomLevel.Remember)]
    public void BloomLevel_OfCommandVerb(string prompt, string level) => Assert.Equal(level, BloomLevel.Of(prompt).Level);

    private static AssessmentItem Item(string type, string prompt, IReadOnlyList<string>? choices = null) => new("i1", type, prompt, choices, null, null, 1, []);
}
