using System.Net;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>The LocalHost's exporters: OTLP by its standard endpoint setting, Prometheus /metrics only when enabled.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class LocalHostExporterTests
{
    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void AddTo_NothingConfigured_AddsNoOpenTelemetry()
    {
        var builder = Builder([]);

        Assert.False(LocalHostTelemetry.AddTo(builder));
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public void AddTo_OtlpEndpoint_AddsTheWiring()
    {
        var builder = Builder(new() { [LocalHostTelemetry.OtlpEndpointSetting] = "http://127.0.0.1:4317" });

        Assert.True(LocalHostTelemetry.AddTo(builder));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public async Task Tracing_Off_NoSpanStartsButMetricsAreServed()
    {
        using var factory = new ApiFactory
        {
            Settings = new Dictionary<string, string> { [LocalHostTelemetry.PrometheusSetting] = "true", [LocalHostTelemetry.TracingSetting] = "false" },
        };
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openapi/student.json", null)).Status);

        // No tracer provider: no listener on our source (nor the instrumentations'), so no span is built at all.
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.False(EdTech.Application.Telemetry.EdTechTelemetry.Source.HasListeners());
        var text = await PollAsync(client, body => body.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains("dotnet_process_cpu_time_seconds_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTo_BadSamplingRatio_StopsStartUpNamingTheSetting()
    {
        var builder = Builder(new() { ["Telemetry:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "1.5" });

        var error = Assert.Throws<InvalidOperationException>(() => LocalHostTelemetry.AddTo(builder));
        Assert.Contains("Telemetry:SamplingRatio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PrometheusEnabled_ServesTheScrapeWithoutAToken()
    {
        using var factory = new ApiFactory { Settings = new Dictionary<string, string> { [LocalHostTelemetry.PrometheusSetting] = "true" } };
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openapi/student.json", null)).Status);

        var text = await PollAsync(client, body => body.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));

        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PrometheusOff_IsNotServed()
    {
        using var factory = new ApiFactory();

        using var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> PollAsync(HttpClient client, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var body = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = await response.Content.ReadAsStringAsync();
            if (done(body))
            {
                break;
            }

            await Task.Delay(200);
        }

        return body;
    }
}
