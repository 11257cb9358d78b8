using EdTech.Application.ChangeFeed;

namespace EdTech.Application.Telemetry;

/// <summary>How an SLI tells a good event from a bad one (docs/slo.md).</summary>
public enum SliKind
{
    /// <summary>Server spans of the selected operation; bad = HTTP status 5xx (App Insights: <c>resultCode</c> ≥ 500).</summary>
    Availability,

    /// <summary>Server spans of the selected operation; bad = duration over the threshold.</summary>
    Latency,

    /// <summary>Change-feed consumer spans of one handler; bad = <c>edtech.changefeed.lag_ms</c> over the threshold.</summary>
    Freshness,

    /// <summary>Per trace: start of the selected span to the end of <see cref="SliSelector.EndSpan"/>; bad = over the threshold, or not ended yet and older than it.</summary>
    Journey,
}

/// <summary>
/// Which spans an SLI counts: by exact name or by name prefix (minus excluded prefixes), server or consumer kind (App Insights
/// table <c>requests</c>). The generated KQL and the analyzer read this one selector.
/// </summary>
public sealed record SliSelector(string? Name = null, string? NamePrefix = null, IReadOnlyList<string>? ExcludePrefixes = null, string? EndSpan = null, TraceMarker? ExcludeTraces = null)
{
    public bool Matches(string spanName)
    {
        ArgumentNullException.ThrowIfNull(spanName);
        if (Name is not null)
        {
            return string.Equals(spanName, Name, StringComparison.Ordinal);
        }

        return NamePrefix is not null && spanName.StartsWith(NamePrefix, StringComparison.Ordinal)
            && !(ExcludePrefixes ?? []).Any(p => spanName.StartsWith(p, StringComparison.Ordinal));
    }
}

/// <summary>
/// A journey SLI leaves out the traces holding a span <see cref="Span"/> whose attribute <see cref="Tag"/> is <see cref="Value"/>
/// (App Insights: a <c>dependencies</c> row, the span being Internal, with <c>customDimensions[Tag] == Value</c>).
/// </summary>
public sealed record TraceMarker(string Span, string Tag, string Value)
{
    public bool Marks(string spanName, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return spanName == Span && attributes.TryGetValue(Tag, out var value) && value == Value;
    }
}

/// <summary>One service-level objective: the SLI (kind, selector, threshold), the objective over a rolling window, its error budget.</summary>
public sealed record ServiceLevelObjective(
    string Id,
    string Title,
    string Description,
    SliKind Kind,
    SliSelector Selector,
    double? ThresholdMs,
    double Objective,
    int WindowDays,
    string ComputedFrom)
{
    /// <summary>Share of events allowed to be bad over the window (1 − objective).</summary>
    public double ErrorBudget => Math.Round(1 - Objective, 6);

    /// <summary>Burn rate of a bad fraction: 1 spends the budget exactly over the window.</summary>
    public double BurnRate(long bad, long total) => total == 0 ? 0 : (double)bad / total / ErrorBudget;
}

/// <summary>One multi-window burn-rate alert: fires when both the long and the short window burn faster than <see cref="Factor"/>.</summary>
public sealed record BurnRateWindow(string Name, TimeSpan LongWindow, TimeSpan ShortWindow, double Factor, int Severity, TimeSpan EvaluationFrequency)
{
    /// <summary>Share of the whole window's budget spent when the long window burns at <see cref="Factor"/>.</summary>
    public double BudgetSpent(int windowDays) => Factor * LongWindow.TotalHours / (windowDays * 24);
}

/// <summary>
/// The SLOs of EdTech.Serverless, declared once. <c>edtech slo generate</c> writes docs/slo.md's table and
/// bicep/modules/slo-alerts.json (the Azure Monitor burn-rate alerts) from it; <c>edtech telemetry analyze</c> checks a run against
/// it; tests fail when the committed files differ from what it generates (docs/slo.md).
/// </summary>
public static class SloCatalog
{
    /// <summary>The ASP.NET Core server span (and App Insights request name) of the submit route.</summary>
    public const string SubmitOperation = "POST /api/student/assessments/{assessmentId}/submissions";

    /// <summary>
    /// The server span around a submission's release write, in the submission's own trace (parent = its stored context) whichever
    /// workflow or grading batch released it (<see cref="SubmissionSpans"/>).
    /// </summary>
    public const string ReleasedOperation = "submission.released";

    public static ServiceLevelObjective AcceptanceAvailability { get; } = new(
        "acceptance-availability",
        "Acceptance availability",
        "Submissions answered without a server error: every submit request that ends in 2xx/4xx is good, a 5xx is bad (429 and validation refusals are the client's, not ours).",
        SliKind.Availability,
        new SliSelector(Name: SubmitOperation),
        ThresholdMs: null,
        Objective: 0.999,
        WindowDays: 30,
        ComputedFrom: $"server span `{SubmitOperation}` (App Insights `requests`, `resultCode`); `edtech.submissions.accepted`/`rejected` count the same requests");

    public static ServiceLevelObjective AckLatency { get; } = new(
        "ack-latency",
        "Acknowledgement latency",
        "A submission is acknowledged (202 after the group commit) within 100 ms.",
        SliKind.Latency,
        new SliSelector(Name: SubmitOperation),
        ThresholdMs: 100,
        Objective: 0.99,
        WindowDays: 30,
        ComputedFrom: $"server span `{SubmitOperation}` duration (App Insights `requests.duration`; metric `http.server.request.duration`)");

    public static ServiceLevelObjective SubmitToReleased { get; } = new(
        "submit-to-released",
        "Submit → released at peak",
        "A submission to an assessment that releases on grading is graded and released within 30 s of its request, at any load up to the exam-day peak; one still not released 30 s after its request counts as bad. A submission whose grade was written without release (the assessment releases later, or it awaits review) is not counted: it is released later on purpose.",
        SliKind.Journey,
        new SliSelector(Name: SubmitOperation, EndSpan: ReleasedOperation,
            ExcludeTraces: new TraceMarker(SubmissionSpans.GradedName, SubmissionSpans.ReleaseTag, SubmissionSpans.ReleaseDeferred)),
        ThresholdMs: 30_000,
        Objective: 0.99,
        WindowDays: 30,
        ComputedFrom: $"one trace: start of `{SubmitOperation}` to the end of `{ReleasedOperation}` (server, parent = the submission's stored trace context, so batched grading ends it in the submission's own trace); traces with an internal `{SubmissionSpans.GradedName}` span tagged `{SubmissionSpans.ReleaseTag}={SubmissionSpans.ReleaseDeferred}` (App Insights `dependencies`) left out; metric `edtech.submission.released.duration`");

    public static ServiceLevelObjective ReadLatency { get; } = new(
        "read-latency",
        "Read latency",
        "An API read (any GET under /api/ except health and OpenAPI documents) answers within 500 ms.",
        SliKind.Latency,
        new SliSelector(NamePrefix: "GET /api/", ExcludePrefixes: ["GET /api/health", "GET /api/openapi"]),
        ThresholdMs: 500,
        Objective: 0.99,
        WindowDays: 30,
        ComputedFrom: "server spans `GET /api/…` duration (App Insights `requests.duration`)");

    public static ServiceLevelObjective RecommendationFreshness { get; } = new(
        "recommendation-freshness",
        "Recommendation freshness",
        "A released result reaches the learner state that recommendations read within 60 s: the `learner-state` handler receives each change-feed batch at most 60 s after its oldest change.",
        SliKind.Freshness,
        new SliSelector(Name: $"changefeed {ChangeFeedCatalog.LearnerState.Name}"),
        ThresholdMs: 60_000,
        Objective: 0.99,
        WindowDays: 30,
        ComputedFrom: "consumer span `changefeed learner-state`, attribute `edtech.changefeed.lag_ms` (metric `edtech.changefeed.lag`)");

    public static IReadOnlyList<ServiceLevelObjective> All { get; } = [AcceptanceAvailability, AckLatency, SubmitToReleased, ReadLatency, RecommendationFreshness];

    /// <summary>The two alerts of every SLO (Google SRE workbook, "multiwindow, multi-burn-rate"): page on a fast burn, ticket on a slow one.</summary>
    public static IReadOnlyList<BurnRateWindow> Windows { get; } =
    [
        new("fast", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4, Severity: 1, EvaluationFrequency: TimeSpan.FromMinutes(5)),
        new("slow", TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6, Severity: 2, EvaluationFrequency: TimeSpan.FromMinutes(15)),
    ];
}
