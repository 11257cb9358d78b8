using EdTech.Domain.Assessments;

namespace EdTech.Domain.Tests.Assessments;

public sealed class ItemPresentationTests
{
    private static AssessmentItem Ordering(string id, params string[] key) =>
        new(id, ItemType.Ordering, "Order them", null, AnswerValue.OfChoices(key), null, 1, [], null);

    [Fact]
    public void Choices_Ordering_DependOnlyOnItemIdAndTheSet()
    {
        var shown = ItemPresentation.Choices(Ordering("q1", "1066", "1215", "1492", "1789", "1914"))!;
        Assert.Equal(shown, ItemPresentation.Choices(Ordering("q1", "1914", "1789", "1492", "1215", "1066")));
        Assert.Equal(["1066", "1215", "1492", "1789", "1914"], shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Choices_Ordering_AreNotTheSortedOrTheKeyOrderForThisItem()
    {
        // The elements sort into the key's order here, so showing them sorted would give the answer away.
        var key = new[] { "1066", "1215", "1492", "1789", "1914" };
        var shown = ItemPresentation.Choices(Ordering("q1", key))!;
        Assert.NotEqual(key, shown);
    }

    [Fact]
    public void Choices_OtherTypes_AreAsAuthored()
    {
        var item = new AssessmentItem("q1", ItemType.SingleChoice, "p", ["b", "a"], AnswerValue.OfText("a"), null, 1, []);
        Assert.Equal(["b", "a"], ItemPresentation.Choices(item));
    }

    [Fact]
    public void RightOptions_Matching_AreSortedWithDistractorsAndDoNotFollowThePairs()
    {
        var item = new AssessmentItem("q1", ItemType.Matching, "p", null, null, null, 1, [],
            new ItemOptions(Pairs: [new("Spain", "Madrid"), new("France", "Paris"), new("Italy", "Rome"), new("Monaco", "Paris")], Distractors: ["Lyon"]));
        Assert.Equal(["Spain", "France", "Italy", "Monaco"], ItemPresentation.LeftSides(item));
        Assert.Equal(["Lyon", "Madrid", "Paris", "Rome"], ItemPresentation.RightOptions(item));
    }

    [Fact]
    public void BlankCount_FillInTheBlanks_CountsBlanks()
    {
        var item = new AssessmentItem("q1", ItemType.FillInTheBlanks, "{{1}} and {{2}}", null, null, null, 1, [],
            new ItemOptions(Blanks: [new(["a"]), new(["b"])]));
        Assert.Equal(2, ItemPresentation.BlankCount(item));
        Assert.Null(ItemPresentation.BlankCount(item with { Type = ItemType.ShortText }));
    }
}
