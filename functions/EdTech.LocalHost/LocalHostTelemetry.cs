using EdTech.Bff.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EdTech.LocalHost;

/// <summary>
/// The LocalHost's exporters on the shared wiring (<see cref="TelemetrySetup"/>), so a school can point it at any collector:
/// OTLP (traces, metrics and logs) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> settings itself, from the environment or the command line), a Prometheus scrape endpoint at
/// <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled=true</c> (off by default). Nothing configured: no OpenTelemetry at
/// all (zero cost), a file of OTLP JSON lines when <c>Telemetry:OtlpFile=path</c> (<see cref="OtlpJsonFile"/>; off by default), unless <c>Telemetry:Enabled=true</c> asks for the instrumentation without an exporter (tests add theirs).
/// </summary>
public static class LocalHostTelemetry
{
    public const string ServiceName = "edtech-localhost";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string PrometheusSetting = "Telemetry:Prometheus:Enabled";
    public const string PrometheusPath = "/metrics";
    public const string OtlpFileSetting = "Telemetry:OtlpFile";

    /// <summary>false: metrics (and logs) only, no span at all: the "tracing off" side of the overhead A/B (docs/benchmarks.md).</summary>
    public const string TracingSetting = "Telemetry:Tracing";

    /// <summary>True when OpenTelemetry was added.</summary>
    public static bool AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var prometheus = Flag(configuration, PrometheusSetting);
        var otlpFile = configuration[OtlpFileSetting];
        if (!otlp && !prometheus && string.IsNullOrWhiteSpace(otlpFile) && !Flag(configuration, "Telemetry:Enabled"))
        {
            return false;
        }

        var telemetry = builder.Services.AddEdTechTelemetry(configuration, ServiceName, tracing: configuration[TracingSetting] is not { Length: > 0 } || Flag(configuration, TracingSetting));
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(otlpFile))
        {
            // Large queue, short delay: a load run ends thousands of spans a second and the default queue (2,048) would drop them.
            var file = new OtlpJsonFile(otlpFile);
            telemetry.WithTracing(t => t.AddProcessor(new BatchActivityExportProcessor(file.Spans(), maxQueueSize: 200_000, scheduledDelayMilliseconds: 1000, maxExportBatchSize: 8192)));
            telemetry.WithMetrics(m => m.AddReader(new PeriodicExportingMetricReader(file.Metrics(), exportIntervalMilliseconds: 10_000)));
        }

        if (prometheus)
        {
            telemetry.WithMetrics(m => m.AddPrometheusExporter());
        }

        return true;
    }

    /// <summary>Serves <c>/metrics</c> when enabled; before the API pipeline (no token: expose it on a trusted network only).</summary>
    public static void MapPrometheus(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Flag(app.Configuration, PrometheusSetting))
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(PrometheusPath);
        }
    }

    private static bool Flag(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value && (bool.TryParse(value, out var on) ? on : throw new InvalidOperationException($"Setting '{key}' must be true or false; got '{value}'."));
}
