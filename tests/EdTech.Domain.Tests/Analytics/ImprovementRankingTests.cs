using EdTech.Domain.Analytics;

namespace EdTech.Domain.Tests.Analytics;

public sealed class ImprovementRankingTests
{
    private static ImprovementEvidence Item(string id, int n, double? index, double facility = 0.6, int skipped = 0, int helpful = 0, int notHelpful = 0) =>
        new("a1", id, new ItemAnalysisResult(id, n, facility, 0.4, index, index, null, null), skipped, helpful, notHelpful);

    [Fact]
    public void Rank_MiskeyedItem_ComesBeforeAWeakOne_AndAHealthyItemIsLeftOut()
    {
        var ranked = ImprovementRanking.Rank([Item("healthy", 40, 45), Item("weak", 40, 12), Item("miskeyed", 40, -35)]);

        Assert.Equal(["miskeyed", "weak"], ranked.Select(i => i.ItemId));
        Assert.Equal("negative-discrimination", ranked[0].Reasons[0].Kind);
        Assert.Equal("low-discrimination", ranked[1].Reasons[0].Kind);
    }

    [Fact]
    public void Rank_NegativeIndexOnSixStudents_IsShrunkAndNotCalledNegative()
    {
        var ranked = ImprovementRanking.Rank([Item("few", 6, -50)]);

        // (6 × −50 + 10 × 30) ÷ 16 = 0: weak evidence, not a wrong key.
        var reason = Assert.Single(Assert.Single(ranked).Reasons);
        Assert.Equal(("low-discrimination", 0.0), (reason.Kind, reason.Value));
    }

    [Fact]
    public void Rank_BelowTheMinimumResponses_UsesNoStatistics()
    {
        Assert.Empty(ImprovementRanking.Rank([Item("four", 4, -90, facility: 0)]));
    }

    [Fact]
    public void Rank_SameProblem_MoreStudentsReached_RanksFirst()
    {
        var ranked = ImprovementRanking.Rank([Item("small", 20, -40), Item("large", 400, -40)]);

        Assert.Equal(["large", "small"], ranked.Select(i => i.ItemId));
    }

    [Fact]
    public void Rank_Score_IsWeightedSeverityTimesLogReach()
    {
        // D = (90 × −30 + 10 × 30) ÷ 100 = −24; s = min(1, 0.5 + 24/60) = 0.9; w = 3; reach 90.
        var ranked = ImprovementRanking.Rank([Item("x", 90, -30)]);

        Assert.Equal(3 * 0.9 * Math.Log2(91), Assert.Single(ranked).Score, 10);
    }

    [Fact]
    public void Rank_NegativeFeedback_NeedsThreeRatingsAndAMajority()
    {
        Assert.Empty(ImprovementRanking.Rank([Item("two", 0, null, helpful: 0, notHelpful: 2)]));
        Assert.Empty(ImprovementRanking.Rank([Item("liked", 0, null, helpful: 10, notHelpful: 2)]));

        var disliked = Assert.Single(ImprovementRanking.Rank([Item("disliked", 0, null, helpful: 2, notHelpful: 10)]));

        Assert.Equal("negative-feedback", Assert.Single(disliked.Reasons).Kind);
        Assert.Equal(11.0 / 17, disliked.Reasons[0].Value, 12);
    }

    [Fact]
    public void Rank_HardAndSkippedItem_HasBothReasons()
    {
        var item = Assert.Single(ImprovementRanking.Rank([Item("hard", 50, 35, facility: 0.05, skipped: 20)]));

        Assert.Equal(["skipped", "too-hard"], item.Reasons.Select(r => r.Kind).Order());
    }

    [Fact]
    public void Rank_CalibratedFarFromTagged_IsADifficultyMismatch()
    {
        var tagged = Item("m", 50, 35) with { IntendedDifficulty = 1, CalibratedDifficulty = 1.5 };

        var reason = Assert.Single(Assert.Single(ImprovementRanking.Rank([tagged])).Reasons);

        Assert.Equal(("difficulty-mismatch", 3.5), (reason.Kind, reason.Value));
    }
}
