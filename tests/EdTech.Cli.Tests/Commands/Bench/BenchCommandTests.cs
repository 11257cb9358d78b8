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

    [Theory]
    [InlineData("--students 1")]
    [InlineData("--students 200001")]
    [InlineData("--items 1")]
    public void Parse_OutOfRangeSizes_ReportsAnError(string args) =>
        Assert.NotEmpty(new RootCommand { BenchCommand.Create() }.Parse($"bench simulation {args}").Errors);
}
