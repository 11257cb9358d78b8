using EdTech.Domain.Analytics;
using EdTech.Domain.Content;

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

        // Intended 1 → −1.5 logits; b shrunk = (50 × 1.5 + 10 × −1.5) ÷ 60 = 1.0; Δ = 2.5.
        Assert.Equal("difficulty-mismatch", reason.Kind);
        Assert.Equal(2.5, reason.Value, 12);
    }

    [Fact]
    public void Rank_Mismatch_UsesTheLearnedDifficultyMapping()
    {
        // Intended 5 is +1.5 logits (0.75 per level), so b = 0.6 over 1,000 students is 0.9 easier: no mismatch (b = intended − 3 would say 1.4).
        Assert.Empty(ImprovementRanking.Rank([Item("five", 1000, 35) with { IntendedDifficulty = 5, CalibratedDifficulty = 0.6 }]));

        var two = Assert.Single(Assert.Single(ImprovementRanking.Rank([Item("two", 1000, 35) with { IntendedDifficulty = 2, CalibratedDifficulty = 0.5 }])).Reasons);

        Assert.Equal(-0.75, LearnedDifficulty.PriorLogits(2));
        Assert.Equal(1000 * (0.5 + 0.75) / 1010, two.Value, 12);
    }

    [Fact]
    public void Rank_Mismatch_SameGapOnFewStudents_IsShrunkBelowTheThreshold_AndNeedsTheMinimumResponses()
    {
        // Intended 3 (0 logits), b = 2: over 50 students Δ = 50 × 2 ÷ 60 ≈ 1.67; over 5, 5 × 2 ÷ 15 ≈ 0.67; under 5, no statistics.
        Assert.Equal("difficulty-mismatch", Assert.Single(Assert.Single(ImprovementRanking.Rank([Item("many", 50, 35) with { IntendedDifficulty = 3, CalibratedDifficulty = 2 }])).Reasons).Kind);
        Assert.Empty(ImprovementRanking.Rank([Item("five", 5, 30) with { IntendedDifficulty = 3, CalibratedDifficulty = 2 }]));
        Assert.Empty(ImprovementRanking.Rank([Item("four", 4, 30) with { IntendedDifficulty = 3, CalibratedDifficulty = 9 }]));
    }

    [Fact]
    public void Rank_Mismatch_JustOverOneLogit_IsRaised_AndJustUnder_IsNot()
    {
        // n = 90: Δ = 0.9 × (b − 0); b = 1.2 → 1.08, b = 1.1 → 0.99.
        Assert.Single(ImprovementRanking.Rank([Item("over", 90, 35) with { IntendedDifficulty = 3, CalibratedDifficulty = 1.2 }]));
        Assert.Empty(ImprovementRanking.Rank([Item("under", 90, 35) with { IntendedDifficulty = 3, CalibratedDifficulty = 1.1 }]));
    }

    [Fact]
    public void Rank_DropOff_IsAContentEntry_WithItsModuleAndObject_AndScoreFromTheStudentsReached()
    {
        // S = (40 × 0.5 + 10 × 0.1) ÷ 50 = 0.42; s = (0.42 − 0.25) ÷ 0.5 = 0.34; w = 1.5; reach 40.
        var entry = Assert.Single(ImprovementRanking.Rank([], [new ContentDropOffEvidence("week1", "video2", null, Reached: 40, DroppedAt: 20)]));

        Assert.Equal(("", "", "week1", "video2", 40), (entry.AssessmentId, entry.ItemId, entry.ModuleId, entry.ObjectId, entry.Responses));
        var reason = Assert.Single(entry.Reasons);
        Assert.Equal("drop-off", reason.Kind);
        Assert.Equal(0.42, reason.Value, 12);
        Assert.Equal(1.5 * 0.34 * Math.Log2(41), entry.Score, 10);
    }

    [Fact]
    public void Rank_DropOff_NeedsTheMinimumStudents_AndIsShrunkOnFew()
    {
        // 4 of 4 dropped: under the minimum. 3 of 5: S = (3 + 1) ÷ 15 ≈ 0.27 > 0.25. 2 of 5: S = 3 ÷ 15 = 0.2, not raised.
        Assert.Empty(ImprovementRanking.Rank([], [new ContentDropOffEvidence("m", "four", null, 4, 4)]));
        Assert.Single(ImprovementRanking.Rank([], [new ContentDropOffEvidence("m", "three", "quiz1", 5, 3)]));
        Assert.Empty(ImprovementRanking.Rank([], [new ContentDropOffEvidence("m", "two", null, 5, 2)]));
        // The same 40% observed share on 200 students: S = (80 + 1) ÷ 210 ≈ 0.386, raised.
        Assert.Single(ImprovementRanking.Rank([], [new ContentDropOffEvidence("m", "many", null, 200, 80)]));
    }

    [Fact]
    public void Rank_DropOff_ThresholdIsAQuarterAfterShrinkage()
    {
        // Reached 90: S = (90 × p + 1) ÷ 100; 24 dropped → 0.25 (not over), 25 → 0.26.
        Assert.Empty(ImprovementRanking.Rank([], [new ContentDropOffEvidence("m", "edge", null, 90, 24)]));
        Assert.Single(ImprovementRanking.Rank([], [new ContentDropOffEvidence("m", "over", null, 90, 25)]));
    }
}
