using System.CommandLine;
using System.Diagnostics;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Load.Neighbours;

namespace EdTech.Cli.Tests.Commands.Load;

public sealed class NeighboursPartsTests
{
    private static ParseResult Parse(string line) => new RootCommand { LoadCommand.Create() }.Parse(line);

    [Fact]
    public void Parse_NeighboursWithAllOptions_HasNoErrors()
    {
        Assert.Empty(Parse("load neighbours --url http://127.0.0.1:7071 --data /tmp/x --concurrency 4 --ratio 10 --seconds 5 --rate 50 --students 5 --max-increase 10").Errors);
    }

    [Theory]
    [InlineData("load neighbours --concurrency 4")]
    [InlineData("load neighbours --url http://127.0.0.1:7071 --ratio 0")]
    [InlineData("load neighbours --url http://127.0.0.1:7071 --rate -5")]
    [InlineData("load neighbours --url http://127.0.0.1:7071 --seconds 0")]
    public void Parse_NeighboursInvalidArguments_ReportsAnError(string line)
    {
        Assert.NotEmpty(Parse(line).Errors);
    }

    [Theory]
    [InlineData(10.0, 11.0, 10.0)]
    [InlineData(10.0, 9.0, -10.0)]
    [InlineData(0.0, 5.0, 0.0)]
    public void IncreasePercent_IsRelativeToTheQuietTenantAlone(double alone, double shared, double expected)
    {
        Assert.Equal(expected, NeighboursReport.IncreasePercent(alone, shared), 6);
    }

    [Theory]
    [InlineData(10.0, 0, true)]
    [InlineData(10.1, 0, false)]
    [InlineData(5.0, 1, false)]
    public void Passed_OnlyWithinTheLimitAndWithoutQuietErrors(double increase, int quietErrors, bool passed)
    {
        var report = new NeighboursReport("q", "n", 4, 10, 100, 5, 500, 1, 2, 500, 1, 2, increase, quietErrors, 5000, 1000, 4000, 0, 10);

        Assert.Equal(passed, report.Passed);
    }

    [Fact]
    public void Pacing_SpreadsRequestsEvenlyOverThePhase()
    {
        Assert.Equal(500, Pacing.Count(100, TimeSpan.FromSeconds(5)));
        Assert.Equal(0, Pacing.DueTicks(0, 100));
        Assert.Equal(Stopwatch.Frequency / 100, Pacing.DueTicks(1, 100));
        Assert.Equal(Stopwatch.Frequency * 4, Pacing.DueTicks(400, 100));
    }

    [Fact]
    public void LatencyStart_WhenTheSenderWasLate_CountsFromWhenTheRequestWasDue()
    {
        Assert.Equal(100, Pacing.LatencyStart(due: 100, sentAt: 250, waited: false));
        Assert.Equal(250, Pacing.LatencyStart(due: 100, sentAt: 250, waited: true));
    }
}
