using System.CommandLine;
using System.Text.Json;
using EdTech.Cli.Commands.Evaluate;

namespace EdTech.Cli.Tests.Commands.Evaluate;

public class SimulationCommandTests
{
    private static readonly string[] CoverageKeys =
        ["morePractice.mastery", "morePractice.meanScore", "morePractice.passRate", "removeHardest.meanScore", "removeHardest.passRate"];

    [Fact]
    public async Task Simulation_QuickSeedRange_PrintsCoverageCountsThatMatchTheIntervals()
    {
        var output = new StringWriter();
        var exit = await new RootCommand { EvaluateCommand.Create(output) }.Parse("evaluate simulation --seeds 3..4 --quick").InvokeAsync();

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("from").GetInt32());
        Assert.Equal(4, root.GetProperty("to").GetInt32());
        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal([3, 4], runs.Select(r => r.GetProperty("seed").GetInt32()));

        var counted = new Dictionary<string, int>();
        foreach (var run in runs)
        {
            Assert.Equal(300, run.GetProperty("calibrationStudents").GetInt32());
            var all = true;
            foreach (var scenario in run.GetProperty("scenarios").EnumerateArray())
            {
                foreach (var metric in scenario.GetProperty("metrics").EnumerateArray())
                {
                    var ci = metric.GetProperty("estimate").GetProperty("ci95").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                    var truth = metric.GetProperty("truth").GetProperty("mean").GetDouble();
                    Assert.Equal(2, ci.Length);
                    Assert.True(ci[0] < ci[1]);
                    Assert.True(metric.GetProperty("truth").GetProperty("halfWidth").GetDouble() < (ci[1] - ci[0]) / 2);
                    var covered = ci[0] <= truth && truth <= ci[1];
                    Assert.Equal(covered, metric.GetProperty("covered").GetBoolean());
                    var noise = metric.GetProperty("noiseOnly").GetProperty("ci95").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                    Assert.Equal(noise[0] <= truth && truth <= noise[1], metric.GetProperty("noiseOnlyCovered").GetBoolean());
                    all &= covered;
                    var name = metric.GetProperty("metric").GetString()!;
                    var key = $"{scenario.GetProperty("name").GetString()}.{(name.StartsWith("mastery.") ? "mastery" : name)}";
                    counted[key] = counted.GetValueOrDefault(key) + (covered ? 1 : 0);
                }
            }

            Assert.Equal(all, run.GetProperty("allCovered").GetBoolean());
        }

        var reported = root.GetProperty("covered").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(CoverageKeys, reported.Keys.Order());
        Assert.Equal(CoverageKeys, root.GetProperty("noiseOnlyCovered").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(counted.OrderBy(kv => kv.Key), reported.OrderBy(kv => kv.Key));
        Assert.Equal(runs.Count(r => r.GetProperty("allCovered").GetBoolean()), root.GetProperty("allCovered").GetInt32());
    }

    [Fact]
    public void CoverageOf_RunsWithMisses_CountsOnlyIntervalsThatContainTheTruth()
    {
        static SimulationEvaluationReport Seed(int seed, double truthOfScore, double truthOfMastery)
        {
            var narrow = new IntervalReport(0.02, [0.0299, 0.0301]);
            var score = MetricReport.Of("meanScore", new IntervalReport(0.02, [0.01, 0.03]), narrow, new TruthReport(truthOfScore, 0.001));
            var mastery = MetricReport.Of($"mastery.s{seed}", new IntervalReport(0.2, [0.15, 0.25]), narrow, new TruthReport(truthOfMastery, 0.001));
            return new SimulationEvaluationReport(seed, 10, 2, 10, 10, [new ScenarioReport("x", "x", [score, mastery])], score.Covered && mastery.Covered);
        }

        var report = SimulationCoverageReport.Of(1, 3, [Seed(1, 0.03, 0.2), Seed(2, 0.025, 0.15), Seed(3, 0.009, 0.3)]);

        Assert.Equal(2, report.Covered["x.meanScore"]);
        Assert.Equal(2, report.Covered["x.mastery"]);
        Assert.Equal(2, report.AllCovered);
        Assert.Equal(1, report.NoiseOnlyCovered["x.meanScore"]);
        Assert.Equal(0, report.NoiseOnlyCovered["x.mastery"]);
    }

    [Fact]
    public void Run_SameSeed_GivesTheSameReport() =>
        Assert.Equal(
            EvaluateCommand.ToJson(SimulationEvaluation.Run(2, SimulationEvaluationSize.Small)),
            EvaluateCommand.ToJson(SimulationEvaluation.Run(2, SimulationEvaluationSize.Small)));

    [Theory]
    [InlineData("1..20", 1, 20)]
    [InlineData("7..7", 7, 7)]
    public void Range_FromDotDotTo_IsParsed(string text, int from, int to) => Assert.Equal((from, to), SimulationCommand.Range(text));

    [Theory]
    [InlineData("20")]
    [InlineData("5..2")]
    [InlineData("0..3")]
    [InlineData("a..b")]
    public void Parse_BadSeedRange_ReportsAnError(string range)
    {
        Assert.Null(SimulationCommand.Range(range));
        Assert.NotEmpty(new RootCommand { EvaluateCommand.Create() }.Parse($"evaluate simulation --seeds {range}").Errors);
    }
}
