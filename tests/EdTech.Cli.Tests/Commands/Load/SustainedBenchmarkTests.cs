using System.Text.Json;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Load.Sustained;
using Xunit.Abstractions;

namespace EdTech.Cli.Tests.Commands.Load;

public sealed class SustainedBenchmarkTests(ITestOutputHelper log) : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("edtech-sustained-test-").FullName;

    [Fact]
    public async Task RunAsync_AtAFixedRate_SendsOnScheduleSamplesReleasesAndChecksEverySubmission()
    {
        await using var api = await FakeExamApi.StartAsync();
        var output = new StringWriter();

        var exit = await new SustainedBenchmark(output).RunAsync(
            new SustainedOptions(api.Url, data, Rate: 40, Duration: TimeSpan.FromSeconds(2), Concurrency: 8, SampleEvery: 4, null, TimeSpan.FromSeconds(30)), CancellationToken.None);

        log.WriteLine(output.ToString());
        Assert.True(exit == 0, output.ToString());
        var result = ResultOf(output);
        Assert.Equal(80, result.GetProperty("acknowledged").GetInt32());
        Assert.Equal(80, result.GetProperty("released").GetInt32());
        Assert.Equal(20, result.GetProperty("submitToReleased").GetProperty("count").GetInt32());
        // Every acknowledged submission in a window from the product's release time: 2 s at 40/s is one (first) window of 80, 30 ms each.
        var window = Assert.Single(result.GetProperty("releaseWindows").EnumerateArray());
        Assert.Equal(80, window.GetProperty("released").GetInt32());
        Assert.True(window.GetProperty("first").GetBoolean());
        Assert.Equal(30, result.GetProperty("serverSubmitToReleased").GetProperty("p99").GetDouble(), 1);
        // The rate achieved is the benchmark's figure (wall time on a shared runner), not a unit-test threshold; the schedule is Pacing's tests.
        Assert.True(result.GetProperty("acknowledgedPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task RunAsync_WhenReleasedScoresDifferFromTheAnswersSent_Fails()
    {
        await using var api = await FakeExamApi.StartAsync(scoreSkew: 1);
        var output = new StringWriter();

        var exit = await new SustainedBenchmark(output).RunAsync(
            new SustainedOptions(api.Url, data, 20, TimeSpan.FromSeconds(1), 4, 5, "load-skewed", TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal(20, ResultOf(output).GetProperty("scoreMismatches").GetInt32());
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static JsonElement ResultOf(StringWriter output)
    {
        var line = output.ToString().Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        return JsonDocument.Parse(line["RESULT ".Length..]).RootElement.Clone();
    }
}
