namespace EdTech.Cli.Commands.Telemetry;

/// <summary>
/// Spans by id, parent and link, to follow a submission's journey into a grading batch that ran in another trace (docs/slo.md
/// "Submit → released by hop"). The batch is found from the submission's <c>submission.released</c> span, whose link points at the
/// batch activity that wrote it (its ancestors are the orchestration and <c>grading.start</c>); or else from a <c>grading.start</c>
/// span linking to the submission's trace (at most <c>ChangeFeedSpans.MaxLinks</c> links per batch).
/// </summary>
internal sealed class SpanGraph
{
    private readonly Dictionary<(string Trace, string Span), OtlpSpan> byId = [];
    private readonly ILookup<string, OtlpSpan> gradingByLinkedTrace;
    private readonly ILookup<string, OtlpSpan> byTrace;

    public SpanGraph(IReadOnlyList<OtlpSpan> spans)
    {
        foreach (var span in spans)
        {
            byId.TryAdd((span.TraceId, span.SpanId), span);
        }

        byTrace = spans.ToLookup(s => s.TraceId, StringComparer.Ordinal);
        gradingByLinkedTrace = spans.Where(s => s.Name == TelemetryAnalyzer.GradingStart)
            .SelectMany(s => s.LinkedTraceIds.Select(t => (Trace: t, Span: s)))
            .ToLookup(x => x.Trace, x => x.Span, StringComparer.Ordinal);
    }

    /// <summary>The grading.start, orchestration and activity (server) spans of the batch that graded this trace's submission, or null.</summary>
    public (OtlpSpan Grading, OtlpSpan Orchestration, OtlpSpan Activity)? Batch(string traceId, OtlpSpan release)
    {
        foreach (var link in release.Links)
        {
            if (byId.TryGetValue((link.TraceId, link.SpanId), out var linked))
            {
                var chain = Ancestors(linked).ToList();
                var activity = chain.FirstOrDefault(s => s.Kind == OtlpSpan.Server && s.Name is TelemetryAnalyzer.GradeActivity or TelemetryAnalyzer.BatchActivity);
                var orchestration = chain.FirstOrDefault(s => s.Kind == OtlpSpan.Server && s.Name is TelemetryAnalyzer.Orchestration or TelemetryAnalyzer.BatchOrchestration);
                var grading = chain.FirstOrDefault(s => s.Name == TelemetryAnalyzer.GradingStart);
                if (activity is not null && orchestration is not null && grading is not null)
                {
                    return (grading, orchestration, activity);
                }
            }
        }

        // No usable link on the release: a grading.start that links to this trace, and its first orchestration and activity below it.
        foreach (var grading in gradingByLinkedTrace[traceId].Where(g => g.StartNs <= release.EndNs).OrderByDescending(g => g.StartNs))
        {
            var below = byTrace[grading.TraceId].Where(s => s.Kind == OtlpSpan.Server && Ancestors(s).Contains(grading)).ToList();
            var orchestration = below.Where(s => s.Name is TelemetryAnalyzer.Orchestration or TelemetryAnalyzer.BatchOrchestration).MinBy(s => s.StartNs);
            var activity = below.Where(s => s.Name is TelemetryAnalyzer.GradeActivity or TelemetryAnalyzer.BatchActivity).MinBy(s => s.StartNs);
            if (orchestration is not null && activity is not null)
            {
                return (grading, orchestration, activity);
            }
        }

        return null;
    }

    /// <summary>The span and its ancestors within its trace, nearest first (stops at a parent not in the file).</summary>
    private IEnumerable<OtlpSpan> Ancestors(OtlpSpan span)
    {
        for (OtlpSpan? current = span; current is not null;)
        {
            yield return current;
            current = current.ParentSpanId is { } parent && byId.TryGetValue((current.TraceId, parent), out var p) ? p : null;
        }
    }
}
