using EdTech.Application.Telemetry;
using EdTech.Infrastructure.Ai;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EdTech.Bff.Telemetry;

/// <summary>
/// The one OpenTelemetry wiring both hosts call: our "EdTech" source and meter, the maintained instrumentations (ASP.NET Core,
/// HttpClient, the Durable Task SDK's "Microsoft.DurableTask" spans, the Cosmos SDK's "Azure.Cosmos.Operation", the Azure SDKs'
/// "Azure.*" sources such as Service Bus), the sampler and the error rule. Each host adds only its exporter: Azure Monitor in
/// the Functions app (FunctionsTelemetry), OTLP and/or Prometheus on the LocalHost (LocalHostTelemetry). docs/observability.md.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Span sources exported (wildcards as OpenTelemetry's AddSource takes them).</summary>
    public static IReadOnlyList<string> Sources { get; } =
    [
        EdTechTelemetry.Name,
        ChatClientServiceCollectionExtensions.TelemetrySource,
        "Microsoft.DurableTask",
        "Azure.Cosmos.Operation",
        "Azure.Messaging.ServiceBus.*",
    ];

    /// <summary>Meters exported, besides the instrumentations' own (http.server.*, http.client.*).</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        EdTechTelemetry.Name,
        ChatClientServiceCollectionExtensions.TelemetrySource,
        "EdTech.Durable",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.Extensions.Diagnostics.HealthChecks",
        "System.Net.Http",
        // The runtime's own (dotnet.process.cpu.time, dotnet.gc.heap.total_allocated, …): the peak benchmark divides them by
        // the submissions to measure the cost per submission of a change such as tracing (docs/benchmarks.md).
        "System.Runtime",
    ];

    /// <summary>
    /// Registers OpenTelemetry with everything but an exporter; the host chains its exporter on the returned builder. With
    /// <paramref name="tracing"/> false (the LocalHost's <c>Telemetry:Tracing=false</c>) no span source, instrumentation or sampler
    /// is registered: metrics (and logs) only, the "tracing off" side of the overhead measurement (docs/observability.md).
    /// </summary>
    public static OpenTelemetryBuilder AddEdTechTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, bool tracing = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        TenantTag.Limit = settings.MaxTenantTags;
        // The Azure SDKs (Service Bus, Cosmos) publish their ActivitySources only with this switch on.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceNamespace: "edtech"))
            .WithMetrics(m => m
                .AddMeter([.. Meters])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        return !tracing ? telemetry : telemetry
            .WithTracing(t => t
                .SetSampler(Sampler(settings))
                .AddProcessor(new ErrorKeepingProcessor(settings.KeepErrors))
                .AddSource([.. Sources])
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes poll every few seconds: no span each time (their failures still show in the health log and metrics).
                    // The LocalHost's durable sidecar is gRPC on its own Kestrel: its calls are the engine's plumbing, not requests.
                    o.Filter = ctx => !IsProbe(ctx.Request.Path) && !IsDurablePlumbing(ctx.Request.Path.Value);
                    o.RecordException = true;
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.RecordException = true;
                    o.FilterHttpRequestMessage = r => !IsDurablePlumbing(r.RequestUri?.AbsolutePath);
                }));
    }

    public static Sampler Sampler(TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Sampler ratio = new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SamplingRatio));
        return settings.KeepErrors ? new ErrorKeepingSampler(ratio) : ratio;
    }

    /// <summary>The durable engine's gRPC (the LocalHost sidecar; the Durable Task SDK's own spans cover the work).</summary>
    private static bool IsDurablePlumbing(string? path) => path is not null && path.StartsWith("/TaskHubSidecarService/", StringComparison.Ordinal);

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
