namespace EdTech.Cli.Commands.Telemetry;

public sealed record OperationStats(string Operation, string Kind, int Count, int Errors, double ErrorRate, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

/// <summary>An SLO over the run: compliance = good / total; burn rate = bad share / error budget; alerts = pairs whose factor the run's burn reaches.</summary>
public sealed record SloCompliance(string Id, string Title, double Objective, double? ThresholdMs, long Total, long Bad, double Compliance, bool Met, double BurnRate, IReadOnlyList<string> AlertsAtThisBurn);

public sealed record HopStats(string Hop, string From, string To, double TotalMs, double MeanMs, double Share);

/// <summary>
/// Submit → released by hop over the traces that hold the whole journey. The hops are contiguous, so their sums add up to
/// <see cref="TotalMs"/> exactly; <see cref="MeasuredMeanMs"/> is the independent metric (<c>edtech.submission.released.duration</c>)
/// the traced mean is compared with.
/// </summary>
public sealed record CriticalPath(
    int Traces,
    int Incomplete,
    IReadOnlyList<HopStats> Hops,
    double TotalMs,
    double MeanMs,
    double SumOfHopsMs,
    double? MeasuredMeanMs,
    long MeasuredCount,
    double? DifferencePercent,
    int StudentViews,
    double? StudentViewMeanMs,
    Spread Released,
    Spread SubmitToStudentView)
{
    /// <summary>Complete traces whose grading hops come from a batch in another trace, reached by span links.</summary>
    public int LinkedTraces { get; init; }

    /// <summary>Submit traces left out because the grade was written without release (released later on purpose; as the journey SLO).</summary>
    public int Deferred { get; init; }

    /// <summary>Sum of the negative hops (a mark before the previous one, e.g. the feed delivering before the 202 left): 0 when the marks are in order.</summary>
    public double OverlapMs { get; init; }

    /// <summary>
    /// The breakdown's consistency: the sum of the hops' absolute durations against the traced submit → released (1 = every hop in
    /// order). The check (docs/slo.md): within 10 % of 1.
    /// </summary>
    public double AbsoluteHopsRatio => TotalMs == 0 ? 1 : (TotalMs + (2 * OverlapMs)) / TotalMs;
}

/// <summary>p50/p90/p99 (nearest rank) of a set of traced durations.</summary>
public sealed record Spread(int Count, double P50Ms, double P90Ms, double P99Ms);

/// <summary>
/// The traced submit → student view against a recorded <c>edtech load sustained</c> run's <c>submitToReleased</c> (the client
/// polls the student's view, so "released" there means the view written): the difference of each percentile in percent.
/// </summary>
public sealed record LoadComparison(Spread Traced, Spread Measured, double P50DifferencePercent, double P90DifferencePercent, double P99DifferencePercent)
{
    /// <summary>
    /// The traced submit → released against the load run's <c>serverSubmitToReleased</c> (the product's own submittedAt → releasedAt,
    /// or gradedAt when released in the same write), when the run printed it.
    /// </summary>
    public LoadComparison? ServerSide { get; init; }
}

public sealed record TenantStats(string Tenant, long Accepted, long Rejected, long Throttled, int Spans, int ErrorSpans)
{
    public long Load => Accepted + Rejected + Throttled;

    public long Errors => Rejected + Throttled + ErrorSpans;
}

public sealed record Anomaly(string Operation, DateTimeOffset WindowStart, int Count, double P99Ms, double BaselineP99Ms, double ScaledMadMs, double Deviations);

public sealed record TelemetryReport(
    int Spans,
    int Traces,
    int MetricPoints,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<OperationStats> Operations,
    IReadOnlyList<SloCompliance> Slos,
    CriticalPath CriticalPath,
    IReadOnlyList<TenantStats> TopTenantsByLoad,
    IReadOnlyList<TenantStats> TopTenantsByErrors,
    string AnomalyRule,
    IReadOnlyList<Anomaly> Anomalies,
    LoadComparison? Load = null,
    ReportSummary? Summary = null);
