using EdTech.Application.Telemetry;
using EdTech.Cli.Commands.Telemetry;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>
/// The journey SLO counts only submissions released on grading: a trace whose grade was written without release (a
/// "submission.graded" span tagged edtech.release=deferred: the assessment releases later, or the submission awaits review) is left
/// out, in the analyzer and in the generated alert query alike.
/// </summary>
public class JourneyScopeTests
{
    private const long T0 = 1_900_000_000_000_000_000L;

    private static OtlpSpan Span(string trace, string id, string name, int kind, long startMs, long endMs, Dictionary<string, string>? attributes = null) =>
        new(trace, id, null, name, kind, T0 + (startMs * 1_000_000), T0 + (endMs * 1_000_000), false, attributes ?? [], []);

    private static List<OtlpSpan> Run() =>
    [
        // e: graded at 200 ms without release (scheduled release); 60 s later, still not released.
        Span("e", "e1", SloCatalog.SubmitOperation, OtlpSpan.Server, 0, 20),
        Span("e", "e2", SubmissionSpans.GradedName, OtlpSpan.Internal, 180, 200, new() { [SubmissionSpans.ReleaseTag] = SubmissionSpans.ReleaseDeferred }),
        // f: never graded and 60 s old: a stalled pipeline, bad.
        Span("f", "f1", SloCatalog.SubmitOperation, OtlpSpan.Server, 10, 30),
        // g: regraded (a graded span without the tag) and released in time: counted, good.
        Span("g", "g1", SloCatalog.SubmitOperation, OtlpSpan.Server, 20, 40),
        Span("g", "g2", SloCatalog.ReleasedOperation, OtlpSpan.Server, 300, 320),
        Span("g", "g3", SubmissionSpans.GradedName, OtlpSpan.Internal, 330, 340),
        Span("z", "z1", "GET /api/x", OtlpSpan.Server, 60_000, 60_010),
    ];

    [Fact]
    public void Check_GradedWithoutRelease_NotCountedByTheJourneySlo()
    {
        var report = TelemetryAnalyzer.Analyze(new OtlpData(Run(), []));
        var journey = report.Slos.Single(s => s.Id == SloCatalog.SubmitToReleased.Id);

        Assert.Equal(2, journey.Total); // f (bad) and g (good); e is left out
        Assert.Equal(1, journey.Bad);
        Assert.Equal(1, report.CriticalPath.Deferred);
        Assert.Equal(1, report.CriticalPath.Traces); // g
        Assert.Equal(1, report.CriticalPath.Incomplete); // f
    }

    [Fact]
    public void AlertQuery_JourneySlo_LeavesOutTracesGradedWithoutRelease()
    {
        var marker = SloCatalog.SubmitToReleased.Selector.ExcludeTraces!;

        Assert.Equal((SubmissionSpans.GradedName, SubmissionSpans.ReleaseTag, SubmissionSpans.ReleaseDeferred), (marker.Span, marker.Tag, marker.Value));
        foreach (var rule in SloAlertRules.All.Where(r => r.Slo == SloCatalog.SubmitToReleased.Id))
        {
            Assert.Contains("| join kind=leftanti (dependencies | where timestamp > ago(", rule.Query, StringComparison.Ordinal);
            Assert.Contains("where name == \"submission.graded\" and tostring(customDimensions[\"edtech.release\"]) == \"deferred\" | distinct operation_Id) on operation_Id", rule.Query, StringComparison.Ordinal);
        }
    }
}
