using EdTech.Domain.Analytics;
using EdTech.Domain.Grading;
using EdTech.Domain.Rubrics;

namespace EdTech.Domain.Tests.Rubrics;

public sealed class RubricScoringTests
{
    /// <summary>Content 0/2/3, style 0/2: maximum 5.</summary>
    private static readonly Rubric Essay = new("essay", "Essay", null,
    [
        new RubricCriterion("content", "Content", null, [new("poor", "Poor", null, 0), new("good", "Good", null, 2), new("great", "Great", null, 3)]),
        new RubricCriterion("style", "Style", null, [new("weak", "Weak", null, 0), new("strong", "Strong", null, 2)]),
    ]);

    private static CriterionChoice[] Choose(string content, string style) => [new("content", content, "c"), new("style", style, null)];

    [Fact]
    public void MaxPoints_IsTheSumOfEachCriterionsHighestLevel() => Assert.Equal(5m, Essay.MaxPoints);

    [Fact]
    public void Score_ItemPointsEqualTheRubricMaximum_IsTheSumOfTheChosenLevels()
    {
        var (score, rubric) = RubricScoring.Score(Essay, 3, Choose("great", "weak"), 5);

        Assert.Equal(3m, score);
        Assert.Equal(("essay", 3), (rubric.RubricId, rubric.RubricVersion));
        Assert.Equal([new CriterionScore("content", "great", 3, "c"), new CriterionScore("style", "weak", 0)], rubric.Criteria);
    }

    [Theory]
    [InlineData("great", "strong", 10, 10)]
    [InlineData("good", "strong", 10, 8)]
    [InlineData("good", "weak", 3, 1.2)]
    [InlineData("great", "weak", 7, 4.2)]
    [InlineData("good", "weak", 1, 0.4)]
    [InlineData("poor", "weak", 10, 0)]
    public void Score_OtherItemPoints_ScalesTheRubricTotalRoundedToTwoDecimals(string content, string style, decimal itemPoints, decimal expected) =>
        Assert.Equal(expected, RubricScoring.Score(Essay, 1, Choose(content, style), itemPoints).Score);

    [Fact]
    public void Scale_RoundsHalfAwayFromZero() => Assert.Equal((0.13m, 0.67m), (RubricScoring.Scale(1, 8, 1), RubricScoring.Scale(2, 3, 1)));

    [Fact]
    public void Score_MissingCriterionOrUnknownLevel_Throws()
    {
        Assert.Throws<ArgumentException>(() => RubricScoring.Score(Essay, 1, [new CriterionChoice("content", "good", null)], 5));
        Assert.Throws<ArgumentException>(() => RubricScoring.Score(Essay, 1, Choose("good", "dazzling"), 5));
    }

    [Fact]
    public void Score_BlankComment_IsDropped() =>
        Assert.Null(RubricScoring.Score(Essay, 1, [new("content", "good", "  "), new("style", "weak", null)], 5).Rubric.Criteria[0].Comment);

    [Fact]
    public void RubricScore_EqualChoicesInNewLists_AreEqual()
    {
        var a = new RubricScore("essay", 1, [new CriterionScore("content", "good", 2)]);
        var b = new RubricScore("essay", 1, [new CriterionScore("content", "good", 2)]);

        Assert.Equal(a, b);
        Assert.Equal(new ItemScore("e1", 2, 5, Rubric: a), new ItemScore("e1", 2, 5, Rubric: b));
        Assert.NotEqual(a, b with { RubricVersion = 2 });
        Assert.NotEqual(a, new RubricScore("essay", 1, [new CriterionScore("content", "great", 3)]));
    }

    [Fact]
    public void Distribution_FromTheMinimumCount_CountsEachLevelInRubricOrder_AndMeansThePoints()
    {
        var scores = new[] { Choose("great", "strong"), Choose("good", "strong"), Choose("good", "weak") }
            .Select(c => RubricScoring.Score(Essay, 1, c, 5).Rubric).ToList();

        var criteria = RubricDistribution.Of(Essay, scores, minCount: 3);

        Assert.Equal([0, 2, 1], criteria[0].Levels.Select(l => l.Count).ToArray());
        Assert.Equal(7m / 3, criteria[0].MeanPoints);
        Assert.Equal([1, 2], criteria[1].Levels.Select(l => l.Count).ToArray());
        Assert.Equal((3m, 2m), (criteria[0].MaxPoints, criteria[1].MaxPoints));
    }

    [Fact]
    public void Distribution_BelowTheMinimumCount_HidesEveryCountAndMean()
    {
        var scores = new[] { RubricScoring.Score(Essay, 1, Choose("great", "strong"), 5).Rubric, RubricScoring.Score(Essay, 1, Choose("good", "weak"), 5).Rubric };

        var criteria = RubricDistribution.Of(Essay, scores, minCount: 3);

        Assert.All(criteria, c => Assert.Null(c.MeanPoints));
        Assert.All(criteria.SelectMany(c => c.Levels), l => Assert.Null(l.Count));
        Assert.All(RubricDistribution.Of(Essay, [], minCount: 0), c => Assert.Null(c.MeanPoints));
    }
}
