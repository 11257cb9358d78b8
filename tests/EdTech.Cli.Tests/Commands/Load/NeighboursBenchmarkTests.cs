using System.Text.Json;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Load.Neighbours;
using Xunit.Abstractions;

namespace EdTech.Cli.Tests.Commands.Load;

public sealed class NeighboursBenchmarkTests(ITestOutputHelper log) : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("edtech-neighbours-test-").FullName;

    [Fact]
    public async Task RunAsync_AgainstAnApiThatThrottlesTheNoisyTenant_ReportsBothPhasesAndCountsThe429s()
    {
        await using var api = await FakeExamApi.StartAsync();
        var output = new StringWriter();

        await new NeighboursBenchmark(output).RunAsync(new NeighboursOptions(api.Url, data, 2, 3, 40, TimeSpan.FromSeconds(1), 3, 10_000), CancellationToken.None);

        log.WriteLine(output.ToString());
        var line = output.ToString().Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        var result = JsonDocument.Parse(line["RESULT ".Length..]).RootElement;
        Assert.Equal(40, result.GetProperty("aloneRequests").GetInt32());
        Assert.Equal(40, result.GetProperty("sharedRequests").GetInt32());
        Assert.Equal(0, result.GetProperty("quietErrors").GetInt32());
        Assert.True(result.GetProperty("noisyThrottled").GetInt32() > 0);
        Assert.Equal(result.GetProperty("noisySent").GetInt32(), result.GetProperty("noisyThrottled").GetInt32());
        Assert.StartsWith("quiet-", result.GetProperty("quietTenant").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
