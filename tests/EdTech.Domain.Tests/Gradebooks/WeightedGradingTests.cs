using EdTech.Domain.Gradebooks;

namespace EdTech.Domain.Tests.Gradebooks;

public sealed class WeightedGradingTests
{
    private static readonly GradingCategory Homework = new("hw", "Homework", 40, 1);
    private static readonly GradingCategory Exams = new("ex", "Exams", 60, 0);

    [Fact]
    public void TwoCategories_DropTheLowestHomework_AndWeightTheMeans()
    {
        var grade = WeightedGrading.Compute([Homework, Exams],
        [
            new("h1", "hw", 5, 10),  // 50 %, dropped
            new("h2", "hw", 8, 10),  // 80 %
            new("h3", "hw", 9, 10),  // 90 %
            new("e1", "ex", 14, 20), // 70 %
        ]);

        Assert.Equal(85m, grade.Categories[0].Percent);
        Assert.Equal(["h1"], grade.Categories[0].Dropped);
        Assert.Equal(70m, grade.Categories[1].Percent);
        Assert.Empty(grade.Categories[1].Dropped);
        Assert.Equal(76m, grade.WeightedPercent); // (0.4 * 85 + 0.6 * 70)
    }

    [Fact]
    public void MeanIsOfRatios_NotOfPoints()
    {
        var grade = WeightedGrading.Compute([new("all", "All", 1, 0)], [new("a", "all", 1, 1), new("b", "all", 0, 100)]);
        Assert.Equal(50m, grade.WeightedPercent);
    }

    [Fact]
    public void DropLowestLargerThanTheCount_KeepsTheBestResult()
    {
        var grade = WeightedGrading.Compute([new("hw", "Homework", 1, 5)], [new("h1", "hw", 3, 10), new("h2", "hw", 6, 10)]);

        Assert.Equal(60m, grade.WeightedPercent);
        Assert.Equal(["h1"], grade.Categories[0].Dropped);
    }

    [Fact]
    public void ACategoryWithoutGradedWork_IsLeftOutOfTheWeights()
    {
        var grade = WeightedGrading.Compute([Homework, Exams], [new("e1", "ex", 9, 10)]);

        Assert.Equal(90m, grade.WeightedPercent);
        Assert.Null(grade.Categories[0].Percent);
        Assert.Empty(grade.Categories[0].Dropped);
    }

    [Fact]
    public void ZeroMaxScore_TakesNoPart_AndIsNeverDropped()
    {
        var grade = WeightedGrading.Compute([Homework], [new("h0", "hw", 0, 0), new("h1", "hw", 7, 10)]);

        Assert.Equal(70m, grade.WeightedPercent);
        Assert.Empty(grade.Categories[0].Dropped);
    }

    [Fact]
    public void NoCategories_GiveNoWeightedPercent()
    {
        var grade = WeightedGrading.Compute([], [new("a", null, 5, 10), new("b", "gone", 5, 10)]);

        Assert.Null(grade.WeightedPercent);
        Assert.Empty(grade.Categories);
    }

    [Fact]
    public void NoGradedWork_GivesNoWeightedPercent_ButListsTheCategories()
    {
        var grade = WeightedGrading.Compute([Homework, Exams], []);

        Assert.Null(grade.WeightedPercent);
        Assert.Equal(["hw", "ex"], grade.Categories.Select(c => c.Id));
    }

    [Fact]
    public void RepeatingThirds_AreRoundedOnlyAtTheEnd()
    {
        var grade = WeightedGrading.Compute([new("a", "A", 1, 0), new("b", "B", 2, 0)], [new("x", "a", 1, 3), new("y", "b", 2, 3)]);

        Assert.Equal(55.56m, grade.WeightedPercent); // (1/3 + 2 * 2/3) / 3 = 5/9
        Assert.Equal(33.33m, grade.Categories[0].Percent);
    }
}
