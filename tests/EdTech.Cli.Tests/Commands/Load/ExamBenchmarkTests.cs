using System.Text.Json;
using EdTech.Cli.Commands.Load;
using Xunit.Abstractions;

namespace EdTech.Cli.Tests.Commands.Load;

public sealed class ExamBenchmarkTests(ITestOutputHelper log) : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("edtech-load-test-").FullName;

    [Fact]
    public async Task RunAsync_AgainstAnApiThatGradesByTheContract_PassesAndReportsEveryStudent()
    {
        await using var api = await FakeExamApi.StartAsync();
        var output = new StringWriter();

        var exit = await new ExamBenchmark(output).RunAsync(new ExamBenchmarkOptions(api.Url, data, 40, 4, null, TimeSpan.FromSeconds(30)), CancellationToken.None);

        log.WriteLine(output.ToString());
        Assert.True(exit == 0, output.ToString());
        var result = ResultOf(output);
        Assert.Equal(40, result.GetProperty("acknowledged").GetInt32());
        Assert.Equal(40, result.GetProperty("released").GetInt32());
        Assert.Equal(0, result.GetProperty("scoreMismatches").GetInt32());
        Assert.Equal(ExamBenchmark.MinimumHealthRequests, result.GetProperty("healthRequests").GetInt32());
        Assert.StartsWith("load-", result.GetProperty("tenant").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenReleasedScoresDifferFromTheAnswersSent_CountsMismatchesAndFails()
    {
        await using var api = await FakeExamApi.StartAsync(scoreSkew: 1);
        var output = new StringWriter();

        var exit = await new ExamBenchmark(output).RunAsync(new ExamBenchmarkOptions(api.Url, data, 10, 2, "load-skewed", TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal(10, ResultOf(output).GetProperty("scoreMismatches").GetInt32());
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static JsonElement ResultOf(StringWriter output)
    {
        var line = output.ToString().Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        return JsonDocument.Parse(line["RESULT ".Length..]).RootElement.Clone();
    }
}
