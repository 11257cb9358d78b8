using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EdTech.LocalHost;

/// <summary>
/// <c>Telemetry:OtlpFile=path</c>: spans and metrics appended to a file as OTLP JSON lines, one <c>ExportTraceServiceRequest</c>
/// or <c>ExportMetricsServiceRequest</c> per line, the format of the OpenTelemetry Collector's file exporter (hex ids, times as
/// decimal strings of Unix nanoseconds, enums as numbers), which <c>edtech telemetry analyze</c> reads. For a school without a
/// collector, and for recording a load run. Shared by the two exporters.
/// </summary>
public sealed class OtlpJsonFile
{
    private readonly Lock gate = new();
    private readonly string path;

    public OtlpJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        this.path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(this.path)!);
    }

    public BaseExporter<Activity> Spans() => new SpanExporter(this);

    public BaseExporter<Metric> Metrics() => new MetricExporter(this);

    /// <summary>
    /// Appends one line, opening and closing the file each time (an export runs once a second at most): no handle to share
    /// between the two exporters, so neither exporter's shutdown can close the file under the other.
    /// </summary>
    private void WriteLine(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        buffer.WriteByte((byte)'\n');
        lock (gate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    /// <summary>A double as protobuf's JSON mapping writes it: NaN and the infinities as strings (JSON has no such numbers, and
    /// Utf8JsonWriter throws on them, which would lose the whole batch).</summary>
    private static void Double(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void Resource(Utf8JsonWriter json, Resource? resource)
    {
        json.WriteStartObject("resource");
        Attributes(json, (resource?.Attributes ?? []).Select(a => new KeyValuePair<string, object?>(a.Key, a.Value)));
        json.WriteEndObject();
    }

    private static void Attributes(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        json.WriteStartArray("attributes");
        foreach (var (key, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteStartObject("value");
            switch (value)
            {
                case bool b:
                    json.WriteBoolean("boolValue", b);
                    break;
                case sbyte or byte or short or ushort or int or uint or long:
                    json.WriteString("intValue", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    break;
                case float or double or decimal:
                    Double(json, "doubleValue", Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString("stringValue", Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Nanos(DateTimeOffset time) => ((time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) * 100).ToString(CultureInfo.InvariantCulture);

    private static string Nanos(DateTime utc) => Nanos(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private sealed class SpanExporter(OtlpJsonFile file) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            var bySource = new Dictionary<(string Name, string? Version), List<Activity>>();
            foreach (var activity in batch)
            {
                var key = (activity.Source.Name, activity.Source.Version);
                if (!bySource.TryGetValue(key, out var list))
                {
                    bySource[key] = list = [];
                }

                list.Add(activity);
            }

            var resource = ParentProvider?.GetResource();
            file.WriteLine(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("resourceSpans");
                json.WriteStartObject();
                Resource(json, resource);
                json.WriteStartArray("scopeSpans");
                foreach (var ((name, version), spans) in bySource)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("scope");
                    json.WriteString("name", name);
                    json.WriteString("version", version ?? string.Empty);
                    json.WriteEndObject();
                    json.WriteStartArray("spans");
                    foreach (var span in spans)
                    {
                        Span(json, span);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            });
            return ExportResult.Success;
        }


        private static void Span(Utf8JsonWriter json, Activity span)
        {
            json.WriteStartObject();
            json.WriteString("traceId", span.TraceId.ToHexString());
            json.WriteString("spanId", span.SpanId.ToHexString());
            if (span.ParentSpanId != default)
            {
                json.WriteString("parentSpanId", span.ParentSpanId.ToHexString());
            }

            json.WriteString("name", span.DisplayName);
            json.WriteNumber("kind", (int)span.Kind + 1);
            json.WriteString("startTimeUnixNano", Nanos(span.StartTimeUtc));
            json.WriteString("endTimeUnixNano", Nanos(span.StartTimeUtc + span.Duration));
            Attributes(json, span.TagObjects);
            json.WriteStartArray("links");
            foreach (var link in span.Links)
            {
                json.WriteStartObject();
                json.WriteString("traceId", link.Context.TraceId.ToHexString());
                json.WriteString("spanId", link.Context.SpanId.ToHexString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("status");
            if (span.Status != ActivityStatusCode.Unset)
            {
                json.WriteNumber("code", span.Status == ActivityStatusCode.Error ? 2 : 1);
                if (span.StatusDescription is { Length: > 0 } message)
                {
                    json.WriteString("message", message);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private sealed class MetricExporter(OtlpJsonFile file) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            var metrics = new List<Metric>();
            foreach (var metric in batch)
            {
                metrics.Add(metric);
            }

            var resource = ParentProvider?.GetResource();
            file.WriteLine(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("resourceMetrics");
                json.WriteStartObject();
                Resource(json, resource);
                json.WriteStartArray("scopeMetrics");
                foreach (var scope in metrics.GroupBy(m => m.MeterName, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteStartObject("scope");
                    json.WriteString("name", scope.Key);
                    json.WriteEndObject();
                    json.WriteStartArray("metrics");
                    foreach (var metric in scope)
                    {
                        Metric(json, metric);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            });
            return ExportResult.Success;
        }


        private static void Metric(Utf8JsonWriter json, Metric metric)
        {
            var type = metric.MetricType;
            var histogram = type == MetricType.Histogram;
            var gauge = type is MetricType.LongGauge or MetricType.DoubleGauge;
            if (type == MetricType.ExponentialHistogram)
            {
                return;
            }

            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            json.WriteString("unit", metric.Unit ?? string.Empty);
            json.WriteString("description", metric.Description ?? string.Empty);
            json.WriteStartObject(histogram ? "histogram" : gauge ? "gauge" : "sum");
            if (!gauge)
            {
                json.WriteNumber("aggregationTemporality", metric.Temporality == AggregationTemporality.Delta ? 1 : 2);
            }

            if (!histogram && !gauge)
            {
                json.WriteBoolean("isMonotonic", type is MetricType.LongSum or MetricType.DoubleSum);
            }

            json.WriteStartArray("dataPoints");
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                json.WriteStartObject();
                var tags = new List<KeyValuePair<string, object?>>();
                foreach (var tag in point.Tags)
                {
                    tags.Add(tag);
                }

                Attributes(json, tags);
                json.WriteString("startTimeUnixNano", Nanos(point.StartTime));
                json.WriteString("timeUnixNano", Nanos(point.EndTime));
                switch (type)
                {
                    case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                        json.WriteString("asInt", point.GetSumLong().ToString(CultureInfo.InvariantCulture));
                        break;
                    case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                        Double(json, "asDouble", point.GetSumDouble());
                        break;
                    case MetricType.LongGauge:
                        json.WriteString("asInt", point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture));
                        break;
                    case MetricType.DoubleGauge:
                        Double(json, "asDouble", point.GetGaugeLastValueDouble());
                        break;
                    default:
                        Histogram(json, point);
                        break;
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void Histogram(Utf8JsonWriter json, in MetricPoint point)
        {
            json.WriteString("count", point.GetHistogramCount().ToString(CultureInfo.InvariantCulture));
            Double(json, "sum", point.GetHistogramSum());
            var counts = new List<long>();
            var bounds = new List<double>();
            foreach (var bucket in point.GetHistogramBuckets())
            {
                counts.Add(bucket.BucketCount);
                if (!double.IsPositiveInfinity(bucket.ExplicitBound))
                {
                    bounds.Add(bucket.ExplicitBound);
                }
            }

            json.WriteStartArray("bucketCounts");
            counts.ForEach(c => json.WriteStringValue(c.ToString(CultureInfo.InvariantCulture)));
            json.WriteEndArray();
            json.WriteStartArray("explicitBounds");
            bounds.ForEach(json.WriteNumberValue);
            json.WriteEndArray();
        }
    }
}
