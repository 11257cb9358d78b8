using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdTech.Infrastructure.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>`edtech telemetry analyze FILE [--json] [--top N]`: the SLO and latency report of an OTLP JSON lines export (docs/slo.md "The analyzer").</summary>
public static class TelemetryCommand
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <param name="chat">The chat model for <c>--summarize</c> (tests); default: from the <c>OpenAI__*</c> environment variables, none when unset.</param>
    public static Command Create(Func<IChatClient?>? chat = null)
    {
        chat ??= ChatFromEnvironment;
        var file = new Argument<FileInfo>("file") { Description = "OTLP JSON lines (the Collector's file exporter, or the LocalHost's Telemetry:OtlpFile), or an Application Insights / Log Analytics export of requests, dependencies and customMetrics" };
        var format = new Option<string>("--format") { Description = "Input format: auto (default: OTLP when the first line holds resourceSpans/resourceMetrics/resourceLogs), otlp or appinsights", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "otlp", "appinsights");
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables" };
        var top = new Option<int>("--top") { Description = "Tenants listed by load and by errors", DefaultValueFactory = _ => 5 };
        var load = new Option<FileInfo?>("--load-result") { Description = "Output of `edtech load sustained` for the same run (its RESULT line): compare its submit->released with the traced one" };
        var summarize = new Option<bool>("--summarize") { Description = "Add a short written summary by the configured chat model (OpenAI__Endpoint, OpenAI__Deployment), grounded in the report's figures only" };
        var analyze = new Command("analyze", "Percentiles, error rates, SLO compliance and burn rate, submit→released by hop, top tenants, anomalies") { file, format, json, top, load, summarize };
        analyze.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"file: {path.FullName} does not exist.");
                return 2;
            }

            OtlpData data;
            try
            {
                data = ReadInput(path, parse.GetValue(format)!);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"file: {e.Message}");
                return 2;
            }

            var report = TelemetryAnalyzer.Analyze(data, Math.Max(1, parse.GetValue(top)));
            if (parse.GetValue(load) is { } result)
            {
                if (LoadResult(result) is not { } measured)
                {
                    Console.Error.WriteLine($"--load-result: {result.FullName} holds no `RESULT {{...}}` line with submitToReleased.");
                    return 2;
                }

                report = report with { Load = TelemetryAnalyzer.CompareWithLoad(report.CriticalPath, measured, LoadResult(result, "serverSubmitToReleased")) };
            }

            if (parse.GetValue(summarize))
            {
                var client = chat();
                try
                {
                    report = report with { Summary = await TelemetrySummary.SummarizeAsync(client, report, ct).ConfigureAwait(false) };
                }
                finally
                {
                    client?.Dispose();
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                Write(report, Console.Out);
            }

            return 0;
        });
        return new Command("telemetry", "Telemetry and SLA analysis") { analyze };
    }

    /// <summary>The chat model of the <c>OpenAI__*</c> environment variables (docs/genai.md), with the product's retries; null when OpenAI__Endpoint is unset.</summary>
    public static IChatClient? ChatFromEnvironment()
    {
        var settings = OpenAiSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        return settings is null
            ? null
            : new RetryingChatClient(ChatClientServiceCollectionExtensions.CreateInner(settings, new Azure.Identity.DefaultAzureCredential()),
                ChatClientServiceCollectionExtensions.RetryOptions(settings), TimeProvider.System, NullLogger<RetryingChatClient>.Instance);
    }

    /// <summary>Reads the file as OTLP JSON lines or as an Application Insights export (<c>auto</c>: by its first non-empty line).</summary>
    public static OtlpData ReadInput(FileInfo path, string format)
    {
        ArgumentNullException.ThrowIfNull(path);
        var appInsights = format switch
        {
            "otlp" => false,
            "appinsights" => true,
            _ => AppInsightsFile.LooksLikeExport(File.ReadLines(path.FullName).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? string.Empty),
        };
        using var reader = path.OpenText();
        return appInsights ? AppInsightsFile.Read(reader) : OtlpFile.Read(reader);
    }

    /// <summary>The percentiles of a load run's <c>RESULT {json}</c> line: <paramref name="property"/> (default <c>submitToReleased</c>), null when absent.</summary>
    public static Spread? LoadResult(FileInfo file, string property = "submitToReleased")
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Exists)
        {
            return null;
        }

        foreach (var line in File.ReadLines(file.FullName).Reverse())
        {
            var at = line.IndexOf("RESULT {", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            using var result = JsonDocument.Parse(line[(at + "RESULT ".Length)..]);
            if (result.RootElement.TryGetProperty(property, out var s) && s.ValueKind == JsonValueKind.Object)
            {
                return new Spread(s.GetProperty("count").GetInt32(), s.GetProperty("p50").GetDouble(), s.GetProperty("p90").GetDouble(), s.GetProperty("p99").GetDouble());
            }
        }

        return null;
    }

    public static void Write(TelemetryReport report, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(o);
        o.WriteLine(Invariant($"{report.Spans} spans, {report.Traces} traces, {report.MetricPoints} metric points, {report.From:O} .. {report.To:O}"));
        o.WriteLine();
        o.WriteLine("operation                                                          kind      count  err%    p50 ms    p95 ms    p99 ms");
        foreach (var op in report.Operations)
        {
            o.WriteLine(Invariant($"{Cut(op.Operation, 66),-66} {op.Kind,-8} {op.Count,6} {op.ErrorRate * 100,5:F1} {op.P50Ms,9:F1} {op.P95Ms,9:F1} {op.P99Ms,9:F1}"));
        }

        o.WriteLine();
        o.WriteLine("SLO                         objective  threshold    events     bad  compliance  met  burn rate  alerts at this burn");
        foreach (var slo in report.Slos)
        {
            var threshold = slo.ThresholdMs is { } t ? Invariant($"{t:0} ms") : "-";
            o.WriteLine(Invariant($"{slo.Id,-27} {slo.Objective * 100,8:0.###}% {threshold,10} {slo.Total,9} {slo.Bad,7} {slo.Compliance * 100,10:F3}%  {(slo.Met ? "yes" : "NO"),-4} {slo.BurnRate,9:F2}  {(slo.AlertsAtThisBurn.Count == 0 ? "-" : string.Join(", ", slo.AlertsAtThisBurn))}"));
        }

        var path = report.CriticalPath;
        o.WriteLine();
        o.WriteLine(Invariant($"submit -> released by hop ({path.Traces} complete traces, {path.LinkedTraces} of them graded by a batch in another trace, followed by span links; {path.Incomplete} incomplete; {path.Deferred} graded without release, left out)"));
        o.WriteLine("hop                               total ms     mean ms  share");
        foreach (var hop in path.Hops)
        {
            o.WriteLine(Invariant($"{hop.Hop,-32} {hop.TotalMs,9:F0} {hop.MeanMs,11:F1} {hop.Share * 100,5:F1}%"));
        }

        o.WriteLine(Invariant($"{"submit -> released (traced)",-32} {path.TotalMs,9:F0} {path.MeanMs,11:F1}"));
        o.WriteLine(Invariant($"hops out of order (negative) {path.OverlapMs:F1} ms in all; sum of |hop| / traced total {path.AbsoluteHopsRatio:F3}"));
        o.WriteLine(path.MeasuredMeanMs is { } m
            ? Invariant($"measured ({TelemetryAnalyzer.ReleasedMetric}, {path.MeasuredCount} submissions): mean {m:F1} ms; traced mean differs by {path.DifferencePercent:F1}%")
            : $"measured: no {TelemetryAnalyzer.ReleasedMetric} points in the file");
        if (path.StudentViewMeanMs is { } view)
        {
            o.WriteLine(Invariant($"after release, student view written: mean {view:F1} ms over {path.StudentViews} traces"));
        }

        o.WriteLine(Invariant($"traced submit -> released     p50/p90/p99 {path.Released.P50Ms:F0} / {path.Released.P90Ms:F0} / {path.Released.P99Ms:F0} ms ({path.Released.Count} traces)"));
        o.WriteLine(Invariant($"traced submit -> student view p50/p90/p99 {path.SubmitToStudentView.P50Ms:F0} / {path.SubmitToStudentView.P90Ms:F0} / {path.SubmitToStudentView.P99Ms:F0} ms ({path.SubmitToStudentView.Count} traces)"));
        if (report.Load is { } l)
        {
            o.WriteLine(Invariant($"load run submit -> released   p50/p90/p99 {l.Measured.P50Ms:F0} / {l.Measured.P90Ms:F0} / {l.Measured.P99Ms:F0} ms ({l.Measured.Count} sampled); traced differs by {l.P50DifferencePercent:+0.0;-0.0} / {l.P90DifferencePercent:+0.0;-0.0} / {l.P99DifferencePercent:+0.0;-0.0} %"));
            if (l.ServerSide is { } server)
            {
                o.WriteLine(Invariant($"load run server side          p50/p90/p99 {server.Measured.P50Ms:F0} / {server.Measured.P90Ms:F0} / {server.Measured.P99Ms:F0} ms ({server.Measured.Count}, submittedAt -> released); traced submit -> released differs by {server.P50DifferencePercent:+0.0;-0.0} / {server.P90DifferencePercent:+0.0;-0.0} / {server.P99DifferencePercent:+0.0;-0.0} %"));
            }
        }

        o.WriteLine();
        Tenants(o, "top tenants by load", report.TopTenantsByLoad);
        Tenants(o, "top tenants by errors", report.TopTenantsByErrors);
        o.WriteLine($"anomalies ({report.AnomalyRule}):");
        if (report.Anomalies.Count == 0)
        {
            o.WriteLine("  none");
        }

        foreach (var a in report.Anomalies)
        {
            o.WriteLine(Invariant($"  {a.WindowStart:HH:mm:ss} {Cut(a.Operation, 60),-60} n={a.Count,-5} p99 {a.P99Ms:F1} ms vs baseline {a.BaselineP99Ms:F1} ms ({a.Deviations:+0.0;-0.0} MADs)"));
        }

        if (report.Summary is { } summary)
        {
            o.WriteLine();
            if (summary.Text is { } text)
            {
                o.WriteLine($"summary ({summary.Note}):");
                o.WriteLine(text);
            }
            else
            {
                o.WriteLine(summary.Note);
            }
        }
    }

    private static void Tenants(TextWriter o, string title, IReadOnlyList<TenantStats> tenants)
    {
        o.WriteLine($"{title}:  tenant  accepted  rejected  throttled  spans  error spans");
        if (tenants.Count == 0)
        {
            o.WriteLine("  none");
        }

        foreach (var t in tenants)
        {
            o.WriteLine(Invariant($"  {Cut(t.Tenant, 30),-30} {t.Accepted,9} {t.Rejected,9} {t.Throttled,10} {t.Spans,6} {t.ErrorSpans,12}"));
        }

        o.WriteLine();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
