using EdTech.Cli.Commands.Telemetry;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>
/// One journey written three ways by hand (fixtures/journey.*): OTLP JSON lines, the classic Application Insights tables as JSON
/// lines (requests, dependencies, customMetrics with itemType) and the workspace tables as a JSON array (AppRequests,
/// AppDependencies, AppMetrics with Type). Trace a graded in its own trace (submit 0–40 ms, grading.start 60, orchestration 90,
/// activity 150, released 300–350); trace b (submit 10–30) graded by a batch in trace c (grading.start 80, orchestration 130,
/// activity 200) and released 500–560, its release span linking to c's activity; trace d a submit answered 500.
/// </summary>
public class AppInsightsFileTests
{
    public static TheoryData<string> Forms => new() { "journey.otlp.jsonl", "journey.appinsights.jsonl", "journey.workspace.json" };

    private static TelemetryReport Analyze(string fixture) =>
        TelemetryAnalyzer.Analyze(TelemetryCommand.ReadInput(new FileInfo(Repo.Fixture(fixture)), "auto"));

    [Theory]
    [MemberData(nameof(Forms))]
    public void Analyze_SameJourneyInEachForm_SameHopBreakdown(string fixture)
    {
        var path = Analyze(fixture).CriticalPath;

        Assert.Equal(2, path.Traces);
        Assert.Equal(1, path.LinkedTraces); // b, through its release span's link to c's activity
        // acknowledge 40 + 20; feed 20 + 50; queueing 30 + 50; orchestration → activity 60 + 70; grading 200 + 360; nothing unattributed.
        Assert.Equal([60.0, 70.0, 80.0, 130.0, 560.0, 0.0], path.Hops.Select(h => Math.Round(h.TotalMs, 6)));
        Assert.Equal(450, path.MeanMs, 6);
        Assert.Equal(450, path.MeasuredMeanMs!.Value, 6); // the released histogram: 0.9 s over 2
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Analyze_SameJourneyInEachForm_SameSloCounts(string fixture)
    {
        var slos = Analyze(fixture).Slos.ToDictionary(s => s.Id);

        Assert.Equal((3L, 1L), (slos["acceptance-availability"].Total, slos["acceptance-availability"].Bad)); // d answered 500
        Assert.Equal((2L, 0L), (slos["submit-to-released"].Total, slos["submit-to-released"].Bad)); // d is younger than 30 s at the end
        Assert.Equal(1, Analyze(fixture).Operations.Single(o => o.Operation == Application.Telemetry.SloCatalog.SubmitOperation).Errors);
    }

    [Fact]
    public void Read_QueryApiTables_ReadsColumnsByName()
    {
        // `az monitor app-insights query` prints the query API's shape: tables of columns and rows.
        const string Json = """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"timestamp","type":"datetime"},{"name":"id","type":"string"},{"name":"operation_Id","type":"string"},{"name":"operation_ParentId","type":"string"},{"name":"name","type":"string"},{"name":"duration","type":"real"},{"name":"success","type":"string"},{"name":"resultCode","type":"string"},{"name":"customDimensions","type":"dynamic"},{"name":"itemType","type":"string"}],
            "rows":[["2030-03-17T17:46:40.000Z","a1","t1","","GET /api/x",12.5,"False","503","{\"edtech.tenant\":\"t9\"}","request"]]}]}
            """;

        var span = Assert.Single(AppInsightsFile.Read(new StringReader(Json)).Spans);

        Assert.Equal(("t1", "a1", OtlpSpan.Server), (span.TraceId, span.SpanId, span.Kind));
        Assert.Equal(12.5, span.DurationMs, 6);
        Assert.True(span.IsError);
        Assert.Equal(503, span.HttpStatus);
        Assert.Equal("t9", span.Attribute("edtech.tenant"));
    }

    [Fact]
    public void Read_RowWithoutOperationId_FailsNamingTheRow()
    {
        var error = Assert.Throws<FormatException>(() => AppInsightsFile.Read(new StringReader("""[{"Type":"AppRequests","Id":"x","TimeGenerated":"2030-03-17T17:46:40Z","DurationMs":1}]""")));

        Assert.StartsWith("row 1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("OperationId", error.Message, StringComparison.Ordinal);
    }
}
