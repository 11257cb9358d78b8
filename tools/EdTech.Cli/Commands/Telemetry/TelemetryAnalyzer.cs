using EdTech.Application.Telemetry;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>
/// The figures of <c>edtech telemetry analyze</c> (docs/slo.md "The analyzer"): latency percentiles and error rates per operation,
/// each SLO of <see cref="SloCatalog"/> checked with the same selectors and thresholds the alerts use, the submit → released
/// critical path by hop, the tenants by load and by errors, and latency anomalies per 10 s window.
/// </summary>
public static class TelemetryAnalyzer
{
    public const string GradingStart = "grading.start";
    public const string Orchestration = "orchestration:GradeSubmissionOrchestrator";
    public const string GradeActivity = "activity:AutoGradeSubmissionActivity";
    public const string BatchOrchestration = "orchestration:GradeBatchOrchestrator";
    public const string BatchActivity = "activity:GradeBatchActivity";
    public const string StudentView = "changefeed submission-projection";
    public const string ReleasedMetric = "edtech.submission.released.duration";
    public static readonly TimeSpan AnomalyWindow = TimeSpan.FromSeconds(10);
    public const int AnomalyMinSpans = 5;
    public const double AnomalyDeviations = 3;

    public static string AnomalyRule { get; } =
        $"per operation, {AnomalyWindow.TotalSeconds:0} s windows (by span start) with at least {AnomalyMinSpans} spans; baseline = the median of the windows' p99; " +
        $"a window is an anomaly when its p99 departs from the baseline by more than {AnomalyDeviations:0} × the scaled MAD (1.4826 × median absolute deviation of the windows' p99), " +
        "the MAD floored at 10 % of the baseline; operations with fewer than 5 such windows are not judged";

    public static TelemetryReport Analyze(OtlpData data, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(data);
        var spans = data.Spans;
        var traces = spans.GroupBy(s => s.TraceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var from = spans.Count == 0 ? (DateTimeOffset?)null : Time(spans.Min(s => s.StartNs));
        var to = spans.Count == 0 ? (DateTimeOffset?)null : Time(spans.Max(s => s.EndNs));
        var tenants = Tenants(data).ToList();
        return new TelemetryReport(
            spans.Count,
            traces.Count,
            data.Points.Count,
            from,
            to,
            Operations(spans),
            [.. SloCatalog.All.Select(slo => Check(slo, spans, traces))],
            Path(traces, spans, data.Points),
            [.. tenants.OrderByDescending(t => t.Load).ThenBy(t => t.Tenant, StringComparer.Ordinal).Where(t => t.Load + t.Spans > 0).Take(top)],
            [.. tenants.Where(t => t.Errors > 0).OrderByDescending(t => t.Errors).ThenBy(t => t.Tenant, StringComparer.Ordinal).Take(top)],
            AnomalyRule,
            Anomalies(spans));
    }

    /// <summary>Nearest-rank percentile of sorted values (0 for none).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static List<OperationStats> Operations(IReadOnlyList<OtlpSpan> spans) =>
        [.. spans.GroupBy(s => (s.Name, s.Kind))
            .Select(g =>
            {
                var sorted = g.Select(s => s.DurationMs).Order().ToList();
                var errors = g.Count(s => s.IsError);
                return new OperationStats(g.Key.Name, KindName(g.Key.Kind), sorted.Count, errors, (double)errors / sorted.Count,
                    Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
            })
            .OrderByDescending(o => o.Count).ThenBy(o => o.Operation, StringComparer.Ordinal)];

    /// <summary>One SLO over the run, with the selector, kind and threshold the generated alert query uses.</summary>
    public static SloCompliance Check(ServiceLevelObjective slo, IReadOnlyList<OtlpSpan> spans, IReadOnlyDictionary<string, List<OtlpSpan>> traces)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(traces);
        var threshold = slo.ThresholdMs ?? 0;
        var selected = spans.Where(s => s.IsRequest && slo.Selector.Matches(s.Name)).ToList();
        IEnumerable<bool> outcomes = slo.Kind switch
        {
            SliKind.Availability => selected.Select(s => s.HttpStatus >= 500),
            SliKind.Latency => selected.Select(s => s.DurationMs > threshold),
            SliKind.Freshness => selected.Where(s => s.Attribute("edtech.changefeed.lag_ms") is not null)
                .Select(s => double.Parse(s.Attribute("edtech.changefeed.lag_ms")!, System.Globalization.CultureInfo.InvariantCulture) > threshold),
            SliKind.Journey => Journeys(slo, selected, traces, spans.Count == 0 ? 0 : spans.Max(s => s.EndNs)),
            _ => throw new ArgumentOutOfRangeException(nameof(slo), slo.Kind, "unknown SLI kind"),
        };
        var list = outcomes.ToList();
        long bad = list.Count(b => b);
        long total = list.Count;
        var compliance = total == 0 ? 1 : 1 - ((double)bad / total);
        var burn = slo.BurnRate(bad, total);
        return new SloCompliance(slo.Id, slo.Title, slo.Objective, slo.ThresholdMs, total, bad, compliance, compliance >= slo.Objective, burn,
            [.. SloCatalog.Windows.Where(w => total > 0 && burn > w.Factor).Select(w => w.Name)]);
    }

    /// <summary>
    /// Per trace: first selected span's start to the last end span's end; not ended and older than the threshold at the run's end = bad;
    /// younger = not counted; a trace the selector's <see cref="SliSelector.ExcludeTraces"/> marks = not counted.
    /// </summary>
    private static IEnumerable<bool> Journeys(ServiceLevelObjective slo, List<OtlpSpan> starts, IReadOnlyDictionary<string, List<OtlpSpan>> traces, long runEndNs)
    {
        var thresholdNs = (long)((slo.ThresholdMs ?? 0) * 1e6);
        foreach (var trace in starts.GroupBy(s => s.TraceId, StringComparer.Ordinal))
        {
            // Released later on purpose (graded without release: a later release policy, or awaiting review): not an event of this SLI.
            if (slo.Selector.ExcludeTraces is { } marker && traces[trace.Key].Any(s => marker.Marks(s.Name, s.Attributes)))
            {
                continue;
            }

            var start = trace.Min(s => s.StartNs);
            var ends = traces[trace.Key].Where(s => s.Kind == OtlpSpan.Server && s.Name == slo.Selector.EndSpan).ToList();
            if (ends.Count > 0)
            {
                yield return ends.Max(s => s.EndNs) - start > thresholdNs;
            }
            else if (runEndNs - start > thresholdNs)
            {
                yield return true;
            }
        }
    }

    private static CriticalPath Path(Dictionary<string, List<OtlpSpan>> traces, IReadOnlyList<OtlpSpan> all, IReadOnlyList<OtlpPoint> points)
    {
        string[] names = ["acknowledge", "feed → grading started", "durable queueing", "orchestration → activity", "grading (and immediate release)", "grading (batched)"];
        string[] froms = ["request start", "request end", "grading.start start", "orchestration start", "activity start", "request end"];
        string[] tos = ["request end (202)", "grading.start start", "orchestration start", "activity start", $"{SloCatalog.ReleasedOperation} end", $"{SloCatalog.ReleasedOperation} end"];
        var sums = new double[names.Length];
        int complete = 0, incomplete = 0, linked = 0, deferred = 0, views = 0;
        double viewSum = 0, overlap = 0;
        var released = new List<double>();
        var toView = new List<double>();
        var graph = new SpanGraph(all);
        var projections = all.Where(s => s.Name == StudentView).ToList();
        var projectionsByTrace = projections
            .SelectMany(p => p.LinkedTraceIds.Append(p.TraceId).Distinct(StringComparer.Ordinal).Select(t => (Trace: t, Span: p)))
            .ToLookup(x => x.Trace, x => x.Span, StringComparer.Ordinal);
        foreach (var (traceId, spans) in traces)
        {
            var request = spans.Where(s => s.Kind == OtlpSpan.Server && s.Name == SloCatalog.SubmitOperation).MinBy(s => s.StartNs);
            if (request is null)
            {
                continue;
            }

            // Graded without release (released later by policy, or awaiting review): the same traces the journey SLO leaves out.
            if (SloCatalog.SubmitToReleased.Selector.ExcludeTraces is { } marker && spans.Any(s => marker.Marks(s.Name, s.Attributes)))
            {
                deferred++;
                continue;
            }

            var release = spans.Where(s => s.Name == SloCatalog.ReleasedOperation && s.Kind == OtlpSpan.Server).MaxBy(s => s.EndNs);
            if (release is null)
            {
                incomplete++;
                continue;
            }

            // The grading in the submission's own trace (a chunk of one request's submissions, or the per-submission workflow); else the
            // batch that graded it in another trace, reached by span links (the release span's link to the batch activity, or the
            // batch's grading.start linking to this trace). Without either, everything between the 202 and the release is one
            // "grading (batched)" hop. Either way the hops add up to the journey (request start → release end).
            var grading = spans.Where(s => s.Name == GradingStart).MinBy(s => s.StartNs);
            var orchestration = spans.Where(s => s.Name is Orchestration or BatchOrchestration && s.Kind == OtlpSpan.Server).MinBy(s => s.StartNs);
            var activity = spans.Where(s => s.Name is GradeActivity or BatchActivity && s.Kind == OtlpSpan.Server).MinBy(s => s.StartNs);
            if ((grading is null || orchestration is null || activity is null) && graph.Batch(traceId, release) is { } batch)
            {
                (grading, orchestration, activity) = batch;
                linked++;
            }

            long[] marks = grading is null || orchestration is null || activity is null
                ? [request.StartNs, request.EndNs, request.EndNs, request.EndNs, request.EndNs, request.EndNs, release.EndNs]
                : [request.StartNs, request.EndNs, grading.StartNs, orchestration.StartNs, activity.StartNs, release.EndNs, release.EndNs];
            for (var i = 0; i < names.Length; i++)
            {
                var hop = (marks[i + 1] - marks[i]) / 1e6;
                sums[i] += hop;
                overlap += Math.Max(0, -hop);
            }

            complete++;
            released.Add((release.EndNs - request.StartNs) / 1e6);
            var view = projectionsByTrace[traceId].Where(p => p.EndNs >= release.EndNs).MinBy(p => p.EndNs);
            if (view is not null)
            {
                views++;
                viewSum += (view.EndNs - release.EndNs) / 1e6;
                toView.Add((view.EndNs - request.StartNs) / 1e6);
            }
        }

        var total = sums.Sum();
        var hops = names.Select((n, i) => new HopStats(n, froms[i], tos[i], sums[i], complete == 0 ? 0 : sums[i] / complete, total == 0 ? 0 : sums[i] / total)).ToList();
        var (measuredSum, measuredCount) = Histogram(points, ReleasedMetric);
        double? measured = measuredCount == 0 ? null : measuredSum / measuredCount * 1000;
        var mean = complete == 0 ? 0 : total / complete;
        return new CriticalPath(complete, incomplete, hops, total, mean, hops.Sum(h => h.MeanMs), measured, measuredCount,
            measured is { } m && complete > 0 ? (mean - m) / m * 100 : null, views, views == 0 ? null : viewSum / views, Spread(released), Spread(toView))
        {
            LinkedTraces = linked,
            Deferred = deferred,
            OverlapMs = overlap,
        };
    }

    public static Spread Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return new Spread(sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99));
    }

    /// <summary>
    /// Compares the traced submit → student view with a load run's measured submit → released (its RESULT JSON; the client polls the
    /// student view), and the traced submit → released with the run's server-side figure when given.
    /// </summary>
    public static LoadComparison CompareWithLoad(CriticalPath path, Spread measured, Spread? serverSide = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(measured);
        return Compare(path.SubmitToStudentView, measured) with { ServerSide = serverSide is null ? null : Compare(path.Released, serverSide) };
    }

    private static LoadComparison Compare(Spread traced, Spread measured)
    {
        static double Difference(double traced, double measured) => measured == 0 ? 0 : (traced - measured) / measured * 100;
        return new LoadComparison(traced, measured, Difference(traced.P50Ms, measured.P50Ms), Difference(traced.P90Ms, measured.P90Ms), Difference(traced.P99Ms, measured.P99Ms));
    }

    /// <summary>A histogram's sum and count over the run: the last cumulative point per series and start time (restarts add up), or the delta points summed.</summary>
    private static (double Sum, long Count) Histogram(IReadOnlyList<OtlpPoint> points, string metric)
    {
        var latest = Latest(points.Where(p => p.Metric == metric));
        return (latest.Sum(p => p.Sum), latest.Sum(p => p.Count));
    }

    private static List<OtlpPoint> Latest(IEnumerable<OtlpPoint> points) =>
        [.. points.GroupBy(p => p.Cumulative ? $"{p.Series}@{p.StartNs}" : $"{p.Series}@{p.StartNs}@{p.TimeNs}", StringComparer.Ordinal).Select(g => g.MaxBy(p => p.TimeNs)!)];

    private static IEnumerable<TenantStats> Tenants(OtlpData data)
    {
        var counters = Latest(data.Points.Where(p => p.Attributes.ContainsKey(TenantTag.Key)))
            .GroupBy(p => (Tenant: p.Attributes[TenantTag.Key], p.Metric))
            .ToDictionary(g => g.Key, g => (long)g.Sum(p => p.Value));
        var spans = data.Spans.Where(s => s.Attribute(TenantTag.Key) is not null).GroupBy(s => s.Attribute(TenantTag.Key)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Errors: g.Count(s => s.IsError)), StringComparer.Ordinal);
        var names = counters.Keys.Select(k => k.Tenant).Concat(spans.Keys).Distinct(StringComparer.Ordinal);
        foreach (var tenant in names)
        {
            long Counter(string metric) => counters.TryGetValue((tenant, metric), out var v) ? v : 0;
            var s = spans.TryGetValue(tenant, out var found) ? found : (Count: 0, Errors: 0);
            yield return new TenantStats(tenant, Counter("edtech.submissions.accepted"), Counter("edtech.submissions.rejected"), Counter("edtech.requests.throttled"), s.Count, s.Errors);
        }
    }

    private static List<Anomaly> Anomalies(IReadOnlyList<OtlpSpan> spans)
    {
        var anomalies = new List<Anomaly>();
        var windowNs = AnomalyWindow.Ticks * 100;
        foreach (var operation in spans.GroupBy(s => (s.Name, s.Kind)))
        {
            var windows = operation.GroupBy(s => s.StartNs / windowNs)
                .Where(w => w.Count() >= AnomalyMinSpans)
                .Select(w => (Start: w.Key * windowNs, Count: w.Count(), P99: Percentile([.. w.Select(s => s.DurationMs).Order()], 0.99)))
                .OrderBy(w => w.Start)
                .ToList();
            if (windows.Count < 5)
            {
                continue;
            }

            var baseline = Median([.. windows.Select(w => w.P99)]);
            var scaledMad = Math.Max(1.4826 * Median([.. windows.Select(w => Math.Abs(w.P99 - baseline))]), 0.1 * baseline);
            if (scaledMad <= 0)
            {
                continue;
            }

            anomalies.AddRange(windows
                .Where(w => Math.Abs(w.P99 - baseline) > AnomalyDeviations * scaledMad)
                .Select(w => new Anomaly(operation.Key.Name + (operation.Key.Kind == OtlpSpan.Client ? " (client)" : string.Empty), Time(w.Start), w.Count, w.P99, baseline, scaledMad,
                    (w.P99 - baseline) / scaledMad)));
        }

        return [.. anomalies.OrderBy(a => a.WindowStart).ThenBy(a => a.Operation, StringComparer.Ordinal)];
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static DateTimeOffset Time(long unixNs) => DateTimeOffset.UnixEpoch.AddTicks(unixNs / 100);

    private static string KindName(int kind) => kind switch
    {
        OtlpSpan.Internal => "internal",
        OtlpSpan.Server => "server",
        OtlpSpan.Client => "client",
        4 => "producer",
        OtlpSpan.Consumer => "consumer",
        _ => "unspecified",
    };
}
