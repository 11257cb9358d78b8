using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.LocalHost;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary><c>Telemetry:OtlpFile</c>: the LocalHost appends its spans and metrics as OTLP JSON lines (docs/slo.md).</summary>
[Collection(TelemetryCollection.Name)]
public sealed class OtlpFileExporterTests
{
    [Fact]
    public async Task OtlpFile_Request_WritesItsServerSpanAndMetricsAsOtlpJsonLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"otlp-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var factory = new ApiFactory { Settings = new Dictionary<string, string> { [LocalHostTelemetry.OtlpFileSetting] = path, ["Telemetry:SamplingRatio"] = "1" } })
            {
                var client = factory.CreateClient();
                // The test server hands the response over before the hosting layer stops the request's activity: disposing the
                // host at once could shut the exporter down before the span ended (seen once in CI). A listener added after the
                // host's own is called after it, so when it sees the stop the host's processor already has the span.
                using var stopped = new RequestSpanStopped("/api/openapi/student.json");
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/openapi/student.json", UriKind.Relative))).StatusCode);
                await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            // Disposing the host shut the providers down: the last batch of spans and the final metrics are in the file.
            var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var spans = lines.Where(l => l.TryGetProperty("resourceSpans", out _))
                .SelectMany(l => l.GetProperty("resourceSpans").EnumerateArray())
                .SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray())
                .SelectMany(s => s.GetProperty("spans").EnumerateArray())
                .ToList();
            var request = Assert.Single(spans, s => s.GetProperty("name").GetString() == "GET /api/openapi/{documentName}.json");
            Assert.Equal(2, request.GetProperty("kind").GetInt32()); // server
            Assert.Matches("^[0-9a-f]{32}$", request.GetProperty("traceId").GetString());
            Assert.True(long.Parse(request.GetProperty("endTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                >= long.Parse(request.GetProperty("startTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(request.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("key").GetString() == "http.response.status_code"
                && a.GetProperty("value").GetProperty("intValue").GetString() == "200");
            var metrics = lines.Where(l => l.TryGetProperty("resourceMetrics", out _))
                .SelectMany(l => l.GetProperty("resourceMetrics").EnumerateArray())
                .SelectMany(r => r.GetProperty("scopeMetrics").EnumerateArray())
                .SelectMany(s => s.GetProperty("metrics").EnumerateArray())
                .Select(m => m.GetProperty("name").GetString())
                .ToList();
            Assert.Contains("http.server.request.duration", metrics);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class RequestSpanStopped : IDisposable
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ActivityListener _listener;

        public RequestSpanStopped(string path)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("url.path") as string == path || activity.DisplayName.Contains("/api/openapi/", StringComparison.Ordinal))
                    {
                        _stopped.TrySetResult();
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public Task Task => _stopped.Task;

        public void Dispose() => _listener.Dispose();
    }
}
