using EdTech.Infrastructure.ChangeFeed;
using Microsoft.Extensions.Configuration;

namespace EdTech.Infrastructure.Tests.ChangeFeed;

public sealed class ChangeFeedPumpOptionsTests
{
    private static ChangeFeedPumpOptions From(string? size, string? pauseMs, string? behind = null) =>
        ChangeFeedPumpOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pump:BusyBatchSize"] = size,
            ["Pump:BusyPauseMs"] = pauseMs,
            ["Pump:ResultsBehindPositions"] = behind,
        }).Build());

    [Fact]
    public void From_NothingSet_IsTheDefault_FourChangesThen100Ms()
    {
        var options = From(null, "");

        Assert.Equal(ChangeFeedPumpOptions.Default, options);
        Assert.Equal((4, TimeSpan.FromMilliseconds(100), 8192), (options.BusyBatchSize, options.BusyPause, options.ResultsBehindPositions));
    }

    [Fact]
    public void From_PositiveIntegers_AreTaken()
    {
        var options = From("1", "250", "2048");

        Assert.Equal((1, TimeSpan.FromMilliseconds(250), 2048), (options.BusyBatchSize, options.BusyPause, options.ResultsBehindPositions));
    }

    [Theory]
    [InlineData("0", null, "Pump:BusyBatchSize")]
    [InlineData("-4", null, "Pump:BusyBatchSize")]
    [InlineData("four", null, "Pump:BusyBatchSize")]
    [InlineData(null, "0", "Pump:BusyPauseMs")]
    [InlineData(null, "1.5", "Pump:BusyPauseMs")]
    [InlineData(null, null, "Pump:ResultsBehindPositions", "0")]
    public void From_NotAPositiveInteger_FailsNamingTheSetting(string? size, string? pauseMs, string setting, string? behind = null)
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(size, pauseMs, behind));

        Assert.Contains($"'{setting}'", error.Message, StringComparison.Ordinal);
    }
}
