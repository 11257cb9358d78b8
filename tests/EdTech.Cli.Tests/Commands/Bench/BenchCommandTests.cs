using System.CommandLine;
using System.Text.Json;
using EdTech.Cli.Commands.Bench;

namespace EdTech.Cli.Tests.Commands.Bench;

public class BenchCommandTests
{
    [Fact]
    public async Task Simulation_SmallRun_PrintsThroughputAndTheLoadItRanUnder()
    {
        var output = new StringWriter();
        var exit = await new RootCommand { BenchCommand.Create(output) }.Parse("bench simulation --students 3000 --items 12 --skills 4").InvokeAsync();

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(3000, root.GetProperty("students").GetInt32());
        Assert.Equal(12, root.GetProperty("items").GetInt32());
        Assert.True(root.GetProperty("studentsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("wallMs").GetDouble() > 0);
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("processors").GetInt32());
        Assert.True(root.TryGetProperty("loadAverage1m", out _));
    }

    [Fact]
    public async Task Analytics_TinyCourse_PrintsEveryKindAndTheSvgOfItsMap()
    {
        var output = new StringWriter();
        var exit = await new RootCommand { BenchCommand.Create(output) }
            .Parse("bench analytics --students 12 --items 25 --sections 3 --weeks 3 --skills 4 --modules 2 --reads 2").InvokeAsync();

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(["item-section", "skill-week", "module-week"], root.GetProperty("uncached").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("cached").GetProperty("skill-week").GetProperty("runs").GetInt32());
        Assert.True(root.GetProperty("uncached").GetProperty("item-section").GetProperty("p99Ms").GetDouble() > 0);
        Assert.Equal(25 * 3, root.GetProperty("svgCells").GetInt32());
        Assert.True(root.GetProperty("usageRead").GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(root.GetProperty("weeklySumsRecompute").GetProperty("runs").GetInt32() > 0);
    }

    [Theory]
    [InlineData("analytics --students 0")]
    [InlineData("analytics --sections 201")]
    [InlineData("analytics --reads 0")]
    public void Parse_AnalyticsOutOfRange_ReportsAnError(string args) =>
        Assert.NotEmpty(new RootCommand { BenchCommand.Create() }.Parse($"bench {args}").Errors);

    [Theory]
    [InlineData("--students 1")]
    [InlineData("--students 200001")]
    [InlineData("--items 1")]
    public void Parse_OutOfRangeSizes_ReportsAnError(string args) =>
        Assert.NotEmpty(new RootCommand { BenchCommand.Create() }.Parse($"bench simulation {args}").Errors);
}
