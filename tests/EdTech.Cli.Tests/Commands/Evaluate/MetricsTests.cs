using EdTech.Cli.Commands.Evaluate;

namespace EdTech.Cli.Tests.Commands.Evaluate;

public class MetricsTests
{
    [Fact]
    public void Auc_PerfectRanking_IsOne() => Assert.Equal(1, Metrics.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));

    [Fact]
    public void Auc_AllTied_IsOneHalf() => Assert.Equal(0.5, Metrics.Auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]));

    [Fact]
    public void Auc_OneSwappedPair_CountsThreeOfFour() => Assert.Equal(0.75, Metrics.Auc([0.1, 0.6, 0.5, 0.9], [false, false, true, true]));

    [Fact]
    public void Pearson_LinearSeries_IsOne() => Assert.Equal(1, Metrics.Pearson([1, 2, 3], [2, 4, 6]), 12);

    [Fact]
    public void Rmse_KnownDifferences() => Assert.Equal(Math.Sqrt(2.5), Metrics.Rmse([0, 0], [1, 2]), 12);
}
