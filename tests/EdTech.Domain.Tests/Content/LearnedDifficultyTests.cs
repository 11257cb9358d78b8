using EdTech.Domain.Content;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Domain.Tests.Content;

public sealed class LearnedDifficultyTests
{
    [Theory]
    [InlineData(1, -1.5)]
    [InlineData(3, 0)]
    [InlineData(4, 0.75)]
    [InlineData(5, 1.5)]
    [InlineData(9, 1.5)]
    public void PriorLogits_Level_MapsThreeToZeroAndOneLevelToThreeQuarters(int level, double logits) =>
        Assert.Equal(logits, LearnedDifficulty.PriorLogits(level), 10);

    [Fact]
    public void Blend_NoResponses_IsThePriorWithFullWeight()
    {
        var blend = LearnedDifficulty.Blend(4, null);

        Assert.Equal(0.75, blend.Blended, 10);
        Assert.Equal(blend.Prior, blend.Blended);
        Assert.Null(blend.FromResponses);
        Assert.Null(blend.EvidenceStandardError);
        Assert.Equal(1, blend.PriorWeight);
        Assert.Equal(LearnedDifficulty.PriorStandardError, blend.StandardError);
        Assert.Equal(0, blend.Responses);
    }

    [Fact]
    public void Blend_EvidenceWithZeroResponses_IsStillThePrior()
    {
        var blend = LearnedDifficulty.Blend(2, DifficultyEvidence.Elo(0, 0, 0));

        Assert.Equal(-0.75, blend.Blended, 10);
        Assert.Equal(1, blend.PriorWeight);
    }

    [Fact]
    public void Blend_NoResponses_NeedsThePlainRaschCountLessThePriorsShare()
    {
        // p = ½, a = 1: each response carries ¼; SE ≤ 0.3 needs precision 11.1, the prior gives 1 → ⌈10.1·4⌉ = 41.
        Assert.Equal(41, LearnedDifficulty.Blend(3, null).ResponsesNeeded);
    }

    [Fact]
    public void Blend_ManyResponses_IsNearTheEvidence()
    {
        var blend = LearnedDifficulty.Blend(1, DifficultyEvidence.Elo(1.2, 20_000, 6_000));

        Assert.Equal(1.2, blend.Blended, 2);
        Assert.True(blend.PriorWeight < 0.001, $"prior weight {blend.PriorWeight}");
        Assert.Equal(0, blend.ResponsesNeeded);
    }

    [Fact]
    public void Blend_SomeResponses_LiesBetweenPriorAndEvidence_ByPrecision()
    {
        // 40 answers, 20 right: p̃ = ½, evidence precision 40·¼ = 10, prior precision 1 → prior weight 1/11.
        var blend = LearnedDifficulty.Blend(5, DifficultyEvidence.Elo(-0.5, 40, 20));

        Assert.Equal(1.0 / 11, blend.PriorWeight, 10);
        Assert.Equal(((1.5 * 1) + (-0.5 * 10)) / 11, blend.Blended, 10);
        Assert.Equal(1 / Math.Sqrt(11), blend.StandardError, 10);
        Assert.Equal(1 / Math.Sqrt(10), blend.EvidenceStandardError!.Value, 10);
        Assert.Equal(1, blend.ResponsesNeeded);
    }

    [Fact]
    public void Blend_GrowingResponses_PriorWeightFallsMonotonically()
    {
        var previous = double.PositiveInfinity;
        for (var n = 0; n <= 500; n++)
        {
            var weight = LearnedDifficulty.Blend(3, DifficultyEvidence.Elo(0.4, n, (int)Math.Round(0.7 * n))).PriorWeight;
            Assert.True(weight < previous, $"weight {weight} at n={n} is not below {previous}");
            previous = weight;
        }
    }

    [Theory]
    [InlineData(1.0, 0.5)]
    [InlineData(1.0, 0.9)]
    [InlineData(0.6, 0.3)]
    [InlineData(2.2, 0.75)]
    public void Blend_ResponsesNeeded_ReachesZeroExactlyWhenTheStandardErrorIsAtMostTheTarget(double discrimination, double rightShare)
    {
        var checkedCount = false;
        for (var n = 0; n <= 2_000; n++)
        {
            var right = (int)Math.Round(rightShare * n);
            var blend = LearnedDifficulty.Blend(3, DifficultyEvidence.Irt(0.2, discrimination, n, LearnedDifficulty.SmoothedProportion(n, right)));
            Assert.Equal(blend.StandardError <= LearnedDifficulty.TargetStandardError, blend.ResponsesNeeded == 0);
            if (blend.ResponsesNeeded > 0)
            {
                // At the same proportion, n + needed responses make it precise, and one fewer does not.
                var at = n + blend.ResponsesNeeded;
                var p = LearnedDifficulty.SmoothedProportion(n, right);
                Assert.True(LearnedDifficulty.Blend(3, DifficultyEvidence.Irt(0.2, discrimination, at, p)).StandardError <= 0.3);
                Assert.True(LearnedDifficulty.Blend(3, DifficultyEvidence.Irt(0.2, discrimination, at - 1, p)).StandardError > 0.3);
                checkedCount = true;
            }
        }

        Assert.True(checkedCount);
    }

    [Fact]
    public void Blend_EveryAnswerRight_NeverClaimsPrecision()
    {
        var blend = LearnedDifficulty.Blend(3, DifficultyEvidence.Elo(-4, 1_000, 1_000));

        Assert.True(blend.StandardError > 0.3);
        Assert.True(blend.ResponsesNeeded > 0);
    }

    [Fact]
    public void Blend_LowDiscrimination_NeedsMoreResponsesThanASharpItem()
    {
        var flat = LearnedDifficulty.Blend(3, DifficultyEvidence.Irt(0, 0.5, 10, 0.5));
        var sharp = LearnedDifficulty.Blend(3, DifficultyEvidence.Irt(0, 2, 10, 0.5));

        Assert.True(flat.ResponsesNeeded > sharp.ResponsesNeeded);
        Assert.True(flat.PriorWeight > sharp.PriorWeight);
    }

    [Fact]
    public void Choose_CalibratedWithEnoughDiscrimination_PrefersIrt_ElseElo_ElseNone()
    {
        var elo = DifficultyEvidence.Elo(0.3, 12, 6);
        var irt = DifficultyEvidence.Irt(0.1, 1.1, 30, null);

        Assert.Same(irt, DifficultyEvidence.Choose(irt, elo));
        Assert.Same(elo, DifficultyEvidence.Choose(irt with { Discrimination = 0.1 }, elo));
        Assert.Same(elo, DifficultyEvidence.Choose(null, elo));
        Assert.Null(DifficultyEvidence.Choose(null, DifficultyEvidence.Elo(0, 0, 0)));
    }

    [Fact]
    public void Irt_WithoutObservedProportion_UsesTheModelsMarginal()
    {
        Assert.Equal(0.5, DifficultyEvidence.Irt(0, 1, 10, null).ProportionCorrect, 10);
        Assert.True(DifficultyEvidence.Irt(2, 1, 10, null).ProportionCorrect < 0.2);
    }
}
