using System.Globalization;
using System.Text.Json;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>One span read from an OTLP JSON export (kind as OTLP numbers it: 1 internal, 2 server, 3 client, 4 producer, 5 consumer).</summary>
public sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    long StartNs,
    long EndNs,
    bool StatusError,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanLink> Links)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Client = 3;
    public const int Consumer = 5;

    public double DurationMs => (EndNs - StartNs) / 1e6;

    /// <summary>What Application Insights files under <c>requests</c>: server and consumer spans.</summary>
    public bool IsRequest => Kind is Server or Consumer;

    public int? HttpStatus => Attributes.TryGetValue("http.response.status_code", out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;

    /// <summary>Status Error, or a server span answered 5xx.</summary>
    public bool IsError => StatusError || (Kind == Server && HttpStatus >= 500);

    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;

    /// <summary>The distinct traces this span links to.</summary>
    public IEnumerable<string> LinkedTraceIds => Links.Select(l => l.TraceId).Distinct(StringComparer.Ordinal);
}

/// <summary>A span link: the linked span's trace and span ids (hex; the span id may be empty when only the trace is known).</summary>
public sealed record SpanLink(string TraceId, string SpanId);

/// <summary>One metric data point (sums and gauges: <see cref="Value"/>; histograms: <see cref="Sum"/> and <see cref="Count"/>).</summary>
public sealed record OtlpPoint(string Series, string Metric, IReadOnlyDictionary<string, string> Attributes, bool Cumulative, long StartNs, long TimeNs, double Value, double Sum, long Count);

/// <summary>What an OTLP JSON lines file holds.</summary>
public sealed record OtlpData(IReadOnlyList<OtlpSpan> Spans, IReadOnlyList<OtlpPoint> Points);

/// <summary>
/// Reads OTLP JSON lines: one <c>ExportTraceServiceRequest</c> (<c>resourceSpans</c>), <c>ExportMetricsServiceRequest</c>
/// (<c>resourceMetrics</c>) or logs request per line, as the OpenTelemetry Collector's file exporter and the LocalHost's
/// <c>Telemetry:OtlpFile</c> write them (ids in hex, times as decimal strings of Unix nanoseconds, enums as numbers or names).
/// </summary>
public static class OtlpFile
{
    public static OtlpData Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var spans = new List<OtlpSpan>();
        var points = new List<OtlpPoint>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                foreach (var resource in Array(root, "resourceSpans"))
                {
                    foreach (var scope in Array(resource, "scopeSpans"))
                    {
                        spans.AddRange(Array(scope, "spans").Select(ReadSpan));
                    }
                }

                foreach (var resource in Array(root, "resourceMetrics"))
                {
                    var resourceKey = Attributes(resource.TryGetProperty("resource", out var r) ? r : default);
                    var resourceId = string.Join(',', resourceKey.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
                    foreach (var scope in Array(resource, "scopeMetrics"))
                    {
                        foreach (var metric in Array(scope, "metrics"))
                        {
                            points.AddRange(ReadMetric(resourceId, metric));
                        }
                    }
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new FormatException($"line {number}: not an OTLP JSON export request ({e.Message})", e);
            }
        }

        return new OtlpData(spans, points);
    }

    private static OtlpSpan ReadSpan(JsonElement span)
    {
        var parent = Text(span, "parentSpanId");
        var links = Array(span, "links").Where(l => !string.IsNullOrEmpty(Text(l, "traceId"))).Select(l => new SpanLink(Text(l, "traceId")!, Text(l, "spanId") ?? string.Empty)).ToList();
        var status = span.TryGetProperty("status", out var s) && s.TryGetProperty("code", out var c) ? Enum(c) : 0;
        return new OtlpSpan(
            Text(span, "traceId") ?? throw new FormatException("a span without traceId"),
            Text(span, "spanId") ?? throw new FormatException("a span without spanId"),
            string.IsNullOrEmpty(parent) ? null : parent,
            Text(span, "name") ?? string.Empty,
            span.TryGetProperty("kind", out var kind) ? Enum(kind) : 0,
            Nanos(span, "startTimeUnixNano"),
            Nanos(span, "endTimeUnixNano"),
            status == 2,
            Attributes(span),
            links);
    }

    private static IEnumerable<OtlpPoint> ReadMetric(string resource, JsonElement metric)
    {
        var name = Text(metric, "name") ?? string.Empty;
        foreach (var (shape, histogram) in new[] { ("sum", false), ("gauge", false), ("histogram", true) })
        {
            if (!metric.TryGetProperty(shape, out var data))
            {
                continue;
            }

            var cumulative = !data.TryGetProperty("aggregationTemporality", out var t) || Enum(t) != 1;
            foreach (var point in Array(data, "dataPoints"))
            {
                var attributes = Attributes(point);
                var series = $"{resource}|{name}|{string.Join(',', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}";
                var value = histogram ? 0 : point.TryGetProperty("asDouble", out var d) ? Double(d) : point.TryGetProperty("asInt", out var i) ? Double(i) : 0;
                var sum = histogram && point.TryGetProperty("sum", out var hs) ? Double(hs) : 0;
                var count = histogram && point.TryGetProperty("count", out var hc) ? (long)Double(hc) : 0;
                yield return new OtlpPoint(series, name, attributes, cumulative && shape != "gauge", Nanos(point, "startTimeUnixNano"), Nanos(point, "timeUnixNano"), value, sum, count);
            }
        }
    }

    private static Dictionary<string, string> Attributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.ValueKind != JsonValueKind.Object)
        {
            return attributes;
        }

        foreach (var attribute in Array(owner, "attributes"))
        {
            if (Text(attribute, "key") is { } key && attribute.TryGetProperty("value", out var value))
            {
                attributes[key] = AnyValue(value);
            }
        }

        return attributes;
    }

    private static string AnyValue(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => property.Value.GetRawText(),
            };
        }

        return string.Empty;
    }

    private static IEnumerable<JsonElement> Array(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static string? Text(JsonElement owner, string name) => owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Nanos(JsonElement owner, string name) => owner.TryGetProperty(name, out var value)
        ? value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64()
        : 0;

    private static double Double(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();

    /// <summary>An enum as a number or by its proto name (SPAN_KIND_SERVER, STATUS_CODE_ERROR, AGGREGATION_TEMPORALITY_DELTA).</summary>
    private static int Enum(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt32()
        : value.GetString() switch
        {
            "SPAN_KIND_INTERNAL" or "STATUS_CODE_OK" or "AGGREGATION_TEMPORALITY_DELTA" => 1,
            "SPAN_KIND_SERVER" or "STATUS_CODE_ERROR" or "AGGREGATION_TEMPORALITY_CUMULATIVE" => 2,
            "SPAN_KIND_CLIENT" => 3,
            "SPAN_KIND_PRODUCER" => 4,
            "SPAN_KIND_CONSUMER" => 5,
            _ => 0,
        };
}
