using EdTech.Cli.Commands.Load;

namespace EdTech.Cli.Tests.Commands.Load;

public class LatencyStatsTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

    [Fact]
    public void Of_OneToHundred_PercentilesAreTheNearestRank()
    {
        var stats = LatencyStats.Of(OneToHundred);

        Assert.Equal(100, stats.Count);
        Assert.Equal(50, stats.P50);
        Assert.Equal(90, stats.P90);
        Assert.Equal(99, stats.P99);
        Assert.Equal(100, stats.Max);
    }

    [Fact]
    public void Of_UnsortedSamples_SortsBeforeRanking()
    {
        var shuffled = OneToHundred.OrderBy(x => (x * 37) % 101).ToArray();

        Assert.Equal(LatencyStats.Of(OneToHundred), LatencyStats.Of(shuffled));
    }

    [Fact]
    public void Of_NoSamples_IsAllZero()
    {
        Assert.Equal(new LatencyStats(0, 0, 0, 0, 0), LatencyStats.Of([]));
    }

    [Fact]
    public void Of_OneSample_EveryPercentileIsThatSample()
    {
        var stats = LatencyStats.Of([7.5]);

        Assert.Equal(new LatencyStats(1, 7.5, 7.5, 7.5, 7.5), stats);
    }

    [Fact]
    public void Of_FewSamples_P99IsTheMaximumNotAnInterpolation()
    {
        var stats = LatencyStats.Of([1, 2, 3, 1000]);

        Assert.Equal(2, stats.P50);
        Assert.Equal(1000, stats.P90);
        Assert.Equal(1000, stats.P99);
    }

    [Fact]
    public void Of_ASingleOutlierInAThousand_ShowsOnlyInMax()
    {
        var samples = Enumerable.Repeat(10.0, 999).Append(5000).ToArray();

        var stats = LatencyStats.Of(samples);

        Assert.Equal(10, stats.P99);
        Assert.Equal(5000, stats.Max);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.1)]
    public void Percentile_OutsideZeroToHundred_Throws(double percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyStats.Percentile(OneToHundred, percent));
    }

    [Fact]
    public void Percentile_Hundred_IsTheLargestSample()
    {
        Assert.Equal(100, LatencyStats.Percentile(OneToHundred, 100));
    }
}
