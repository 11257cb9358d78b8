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
            using var factory = new ApiFactory { Settings = new Dictionary<string, string> { [LocalHostTelemetry.OtlpFileSetting] = path, ["Telemetry:SamplingRatio"] = "1" } };
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri("/api/openapi/student.json", UriKind.Relative))).StatusCode);

            // While the host runs: spans are exported each second, metrics every 10 s. (Not at shutdown: what the providers flush
            // while the container is being disposed depends on disposal order, and CI saw it missing.)
            var (spans, metrics) = await PollAsync(path, (s, m) => s.Any(IsRequest) && m.Contains("http.server.request.duration"));
            var request = Assert.Single(spans, IsRequest);
            Assert.Equal(2, request.GetProperty("kind").GetInt32()); // server
            Assert.Matches("^[0-9a-f]{32}$", request.GetProperty("traceId").GetString());
            Assert.True(long.Parse(request.GetProperty("endTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                >= long.Parse(request.GetProperty("startTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(request.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("key").GetString() == "http.response.status_code"
                && a.GetProperty("value").GetProperty("intValue").GetString() == "200");
            Assert.Contains("http.server.request.duration", metrics);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool IsRequest(JsonElement span) => span.GetProperty("name").GetString() == "GET /api/openapi/{documentName}.json";

    private static async Task<(List<JsonElement> Spans, List<string?> Metrics)> PollAsync(string path, Func<List<JsonElement>, List<string?>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            // Only whole lines: the exporter may be appending the next one right now.
            var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
            var lines = text.Split('\n')[..^1].Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var spans = lines.Where(l => l.TryGetProperty("resourceSpans", out _))
                .SelectMany(l => l.GetProperty("resourceSpans").EnumerateArray())
                .SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray())
                .SelectMany(s => s.GetProperty("spans").EnumerateArray())
                .ToList();
            var metrics = lines.Where(l => l.TryGetProperty("resourceMetrics", out _))
                .SelectMany(l => l.GetProperty("resourceMetrics").EnumerateArray())
                .SelectMany(r => r.GetProperty("scopeMetrics").EnumerateArray())
                .SelectMany(s => s.GetProperty("metrics").EnumerateArray())
                .Select(m => m.GetProperty("name").GetString())
                .ToList();
            if (done(spans, metrics) || DateTime.UtcNow > deadline)
            {
                return (spans, metrics);
            }

            await Task.Delay(250);
        }
    }
}
