using EdTech.Domain.Learning;
using EdTech.Domain.Learning.FsrsModel;

namespace EdTech.Domain.Tests.Learning;

public sealed class MemoryModelTests
{
    private static readonly FsrsWeights W = FsrsWeights.Default;

    [Fact]
    public void Review_FirstRecall_StartsAtTheGoodStability()
    {
        var state = MemoryModel.Review(null, recalled: true, 0, W);

        Assert.Equal(2.4, state.Stability, 12);
        Assert.Equal(4.93, state.Difficulty, 12);
    }

    [Fact]
    public void Review_SuccessWhenDue_GrowsTheInterval()
    {
        var first = MemoryModel.Review(null, recalled: true, 0, W);
        var firstInterval = MemoryModel.IntervalDays(first, 0.9);

        var second = MemoryModel.Review(first, recalled: true, firstInterval, W);

        Assert.True(MemoryModel.IntervalDays(second, 0.9) > 2 * firstInterval);
    }

    [Fact]
    public void Review_Lapse_ShrinksStabilityAndRaisesDifficulty()
    {
        var state = new MemoryState(20, 5);

        var after = MemoryModel.Review(state, recalled: false, 20, W);

        Assert.True(after.Stability < state.Stability);
        Assert.True(after.Difficulty > state.Difficulty);
    }

    [Fact]
    public void Retrievability_AtStabilityDays_IsNinetyPercent() =>
        Assert.Equal(0.9, MemoryModel.Retrievability(new MemoryState(7, 5), 7), 12);

    [Fact]
    public void IntervalDays_HigherTargetRetention_ReviewsSooner()
    {
        var state = new MemoryState(10, 5);

        Assert.Equal(10, MemoryModel.IntervalDays(state, 0.9), 9);
        Assert.True(MemoryModel.IntervalDays(state, 0.95) < MemoryModel.IntervalDays(state, 0.8));
    }

    [Fact]
    public void NextReview_AddsTheIntervalToTheReviewTime()
    {
        var reviewedAt = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(reviewedAt.AddDays(10), MemoryModel.NextReview(reviewedAt, new MemoryState(10, 5), 0.9));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void IntervalDays_TargetOutsideZeroToOne_IsRejected(double target) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryModel.IntervalDays(new MemoryState(10, 5), target));
}
