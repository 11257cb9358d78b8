using System.CommandLine;
using System.Text.Json;
using EdTech.Cli.Commands.Telemetry;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>
/// The analyzer's figures on fixtures/run.otlp.jsonl, a hand-written OTLP JSON export whose expected values are worked out
/// in the comments of each test: trace A (hops 50/50/30/70/100 ms), trace B (200/100/100/100/200 ms, a slow 202), trace C
/// (a 500, never graded), each released trace ending with "submission.released", a read, a health probe, two learner-state batches (lag 1 s and 90 s), cumulative counters by tenant.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class TelemetryAnalyzerTests
{
    private static TelemetryReport Fixture()
    {
        using var reader = File.OpenText(Repo.Fixture("run.otlp.jsonl"));
        return TelemetryAnalyzer.Analyze(OtlpFile.Read(reader));
    }

    [Fact]
    public void CriticalPath_TwoCompleteTraces_SumsEachHopAndAddsUpToSubmitToReleased()
    {
        var path = Fixture().CriticalPath;

        Assert.Equal(2, path.Traces);
        Assert.Equal(1, path.Incomplete); // trace C: never released
        Assert.Equal([250.0, 150.0, 130.0, 170.0, 300.0, 0.0], path.Hops.Select(h => Math.Round(h.TotalMs, 6)));
        Assert.Equal([125.0, 75.0, 65.0, 85.0, 150.0, 0.0], path.Hops.Select(h => Math.Round(h.MeanMs, 6)));
        Assert.Equal(1000, path.TotalMs, 6); // (300 − 0) + (1700 − 1000)
        Assert.Equal(500, path.MeanMs, 6);
        Assert.Equal(path.MeanMs, path.SumOfHopsMs, 6);
        Assert.Equal(1.0, path.Hops.Sum(h => h.Share), 6);
    }

    [Fact]
    public void CriticalPath_BatchInAnotherTrace_EndsEachJourneyAtItsOwnReleaseAsOneBatchedHop()
    {
        // fixtures/batched.otlp.jsonl: submits 1 (0–40 ms) and 2 (10–30 ms), one GradeBatch in trace 9 linking both, each
        // "submission.released" in its submission's own trace: 1 ends at 740, 2 at 810. The links lead to the batch activity, but
        // trace 9 has no grading.start (an incomplete export): the batch's hops cannot be placed, so they stay one batched hop.
        using var reader = File.OpenText(Repo.Fixture("batched.otlp.jsonl"));
        var report = TelemetryAnalyzer.Analyze(OtlpFile.Read(reader));
        var path = report.CriticalPath;

        Assert.Equal(2, path.Traces);
        Assert.Equal(0, path.Incomplete);
        // acknowledge 40 + 20; batched (740 − 40) + (810 − 30); the per-workflow hops have nothing in these traces.
        Assert.Equal([60.0, 0.0, 0.0, 0.0, 0.0, 1480.0], path.Hops.Select(h => Math.Round(h.TotalMs, 6)));
        Assert.Equal("grading (batched)", path.Hops[^1].Hop);
        Assert.Equal(770, path.MeanMs, 6); // (740 + 800) / 2
        var journey = report.Slos.Single(s => s.Id == "submit-to-released");
        Assert.Equal(2, journey.Total);
        Assert.Equal(0, journey.Bad);
    }

    [Fact]
    public void CriticalPath_ReleasedHistogram_ComparesTheTracedMeanWithTheMeasuredOne()
    {
        var path = Fixture().CriticalPath;

        // Cumulative points at 10 s (1, 0.3 s) and 20 s (2, 1.1 s): the last one counts, 1.1 s / 2 = 550 ms; traced 500 ms.
        Assert.Equal(2, path.MeasuredCount);
        Assert.Equal(550, path.MeasuredMeanMs!.Value, 6);
        Assert.Equal(-9.0909, path.DifferencePercent!.Value, 3);
        // Student view: A's own projection 360 − 300, B's through the batch span's link 1800 − 1700.
        Assert.Equal(2, path.StudentViews);
        Assert.Equal(80, path.StudentViewMeanMs!.Value, 6);
    }

    [Fact]
    public void CompareWithLoad_LoadRunResult_PercentDifferenceOfTheTracedSubmitToStudentView()
    {
        var path = Fixture().CriticalPath;
        var result = Path.GetTempFileName();
        try
        {
            File.WriteAllText(result, "target 50/s\nRESULT {\"submitToReleased\":{\"count\":2,\"p50\":400,\"p90\":800,\"p99\":800,\"max\":800}}\n");
            var measured = TelemetryCommand.LoadResult(new FileInfo(result))!;

            // Traced to the student view: A 360 − 0, B 1800 − 1000 → p50 360, p90/p99 800.
            var comparison = TelemetryAnalyzer.CompareWithLoad(path, measured);
            Assert.Equal(2, comparison.Traced.Count);
            Assert.Equal(-10, comparison.P50DifferencePercent, 6);
            Assert.Equal(0, comparison.P99DifferencePercent, 6);
            Assert.Equal(300, path.Released.P50Ms, 6); // released: 300 and 700
        }
        finally
        {
            File.Delete(result);
        }
    }

    [Theory]
    [InlineData("acceptance-availability", 3, 1, 333.333)] // C answered 500; budget 0.1 %: (1/3) / 0.001
    [InlineData("ack-latency", 3, 1, 33.333)] // B took 200 ms > 100 ms; budget 1 %
    [InlineData("submit-to-released", 3, 1, 33.333)] // C never released and 38 s old at the run's end (> 30 s)
    [InlineData("read-latency", 1, 0, 0)] // the health probe is not a read
    [InlineData("recommendation-freshness", 2, 1, 50)] // one learner-state batch 90 s late (> 60 s)
    public void Slos_Fixture_CountEventsBadOnesAndBurnRate(string id, long total, long bad, double burn)
    {
        var slo = Fixture().Slos.Single(s => s.Id == id);

        Assert.Equal(total, slo.Total);
        Assert.Equal(bad, slo.Bad);
        Assert.Equal(burn, slo.BurnRate, 3);
        Assert.Equal(bad == 0, slo.Met);
        Assert.Equal(burn > 14.4 ? ["fast", "slow"] : burn > 6 ? ["slow"] : Array.Empty<string>(), slo.AlertsAtThisBurn);
    }

    [Fact]
    public void Operations_SubmitSpans_PercentilesAndErrorRate()
    {
        var submit = Fixture().Operations.Single(o => o.Operation == Application.Telemetry.SloCatalog.SubmitOperation);

        Assert.Equal(3, submit.Count);
        Assert.Equal(1, submit.Errors);
        Assert.Equal(50, submit.P50Ms, 6); // 30, 50, 200 nearest rank
        Assert.Equal(200, submit.P99Ms, 6);
        // The activity's client span (in the orchestration) is its own row, not mixed with the server span.
        Assert.Equal(2, Fixture().Operations.Count(o => o.Operation == "activity:AutoGradeSubmissionActivity"));
    }

    [Fact]
    public void Tenants_CumulativeCounters_LastValueRanksLoadAndErrors()
    {
        var report = Fixture();

        // t1: accepted 3 (last of 1, 3) + throttled 4 = 7; t2: accepted 2 + rejected 1 = 3.
        Assert.Equal(["t1", "t2"], report.TopTenantsByLoad.Select(t => t.Tenant));
        Assert.Equal([7L, 3L], report.TopTenantsByLoad.Select(t => t.Load));
        Assert.Equal([4L, 1L], report.TopTenantsByErrors.Select(t => t.Errors));
        Assert.Equal(3, report.TopTenantsByLoad[0].Spans); // grading.start and the two submission.released spans carry the tenant
    }

    [Fact]
    public void Anomalies_OneSlowWindowAmongSteadyOnes_IsTheOnlyOneFlagged()
    {
        var spans = new List<OtlpSpan>();
        var start = 1_800_000_000_000_000_000L;
        for (var window = 0; window < 7; window++)
        {
            for (var i = 0; i < 6; i++)
            {
                var ms = window == 4 ? 100 : 10 + (window % 2);
                var begin = start + (window * 10_000_000_000L) + (i * 1_000_000_000L);
                spans.Add(new OtlpSpan($"{window:x2}{i:x30}", $"{i:x16}", null, "GET /api/x", OtlpSpan.Server, begin, begin + (ms * 1_000_000L), false,
                    new Dictionary<string, string>(), []));
            }
        }

        var anomalies = TelemetryAnalyzer.Analyze(new OtlpData(spans, [])).Anomalies;

        var anomaly = Assert.Single(anomalies);
        Assert.Equal(100, anomaly.P99Ms, 6);
        Assert.Equal(11, anomaly.BaselineP99Ms, 6); // windows' p99: 10, 11, 10, 11, 100, 11, 10 → median 11
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks((start + 40_000_000_000L) / 100), anomaly.WindowStart);
    }

    [Fact]
    public async Task Analyze_JsonOption_PrintsTheReport()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = await new RootCommand { TelemetryCommand.Create() }.Parse(["telemetry", "analyze", Repo.Fixture("run.otlp.jsonl"), "--json"]).InvokeAsync();
            Assert.Equal(0, exit);
        }
        finally
        {
            Console.SetOut(previous);
        }

        var root = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(5, root.GetProperty("slos").GetArrayLength());
        Assert.Equal(2, root.GetProperty("criticalPath").GetProperty("traces").GetInt32());
    }

    [Fact]
    public void Read_NotOtlp_FailsNamingTheLine()
    {
        var error = Assert.Throws<FormatException>(() => OtlpFile.Read(new StringReader("{\"resourceSpans\":[]}\n{not json")));

        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
    }
}
