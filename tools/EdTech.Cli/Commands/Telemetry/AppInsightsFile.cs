using System.Globalization;
using System.Text.Json;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>
/// Reads an Application Insights / Log Analytics export into the analyzer's span model (docs/slo.md "Input"): rows of the
/// <c>requests</c>, <c>dependencies</c> and <c>customMetrics</c> tables in the classic schema (<c>timestamp</c>, <c>id</c>,
/// <c>operation_Id</c>, <c>operation_ParentId</c>, <c>name</c>, <c>duration</c>, <c>success</c>, <c>resultCode</c>, <c>type</c>,
/// <c>customDimensions</c>, <c>itemType</c>; metrics <c>valueSum</c>, <c>valueCount</c>) or the workspace-based one
/// (<c>AppRequests</c>, <c>AppDependencies</c>, <c>AppMetrics</c>: <c>TimeGenerated</c>, <c>Id</c>, <c>OperationId</c>,
/// <c>ParentId</c>, <c>Name</c>, <c>DurationMs</c>, <c>Success</c>, <c>ResultCode</c>, <c>DependencyType</c>, <c>Properties</c>,
/// <c>Type</c>; metrics <c>Sum</c>, <c>Count</c>). As a JSON array of row objects (a Log Analytics export, <c>az monitor
/// log-analytics query</c>), JSON lines of row objects, or the query API's <c>{"tables":[{"columns","rows"}]}</c>
/// (<c>az monitor app-insights query</c>). Column names are matched ignoring case.
/// </summary>
/// <remarks>
/// Mapping (how the Azure Monitor OpenTelemetry exporter files spans): a <c>requests</c> row is a server span (the exporter also
/// files consumer spans there; the analyzer treats both as requests); a <c>dependencies</c> row is an internal span when its type is
/// <c>InProc</c>, a client span otherwise. <c>id</c> is the span id, <c>operation_Id</c> the trace id, <c>operation_ParentId</c> the
/// parent span id; the start is <c>timestamp</c>, the end start + <c>duration</c> ms; <c>success == false</c> is status Error; a
/// numeric <c>resultCode</c> of a request is its <c>http.response.status_code</c>; <c>customDimensions</c> are the attributes and
/// its <c>_MS.links</c> (a JSON array of <c>{operation_Id, id}</c>) the span links. Metric rows are delta points (one
/// pre-aggregated interval each). Other tables (<c>traces</c>, <c>exceptions</c>) are skipped.
/// </remarks>
public static class AppInsightsFile
{
    public const string LinksProperty = "_MS.links";

    public static OtlpData Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        var spans = new List<OtlpSpan>();
        var points = new List<OtlpPoint>();
        foreach (var (row, where) in Rows(text))
        {
            try
            {
                switch (Table(row))
                {
                    case "request":
                        spans.Add(ReadSpan(row, request: true));
                        break;
                    case "dependency":
                        spans.Add(ReadSpan(row, request: false));
                        break;
                    case "metric":
                        points.Add(ReadMetric(row));
                        break;
                    default:
                        break;
                }
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException or OverflowException)
            {
                throw new FormatException($"{where}: not an Application Insights requests/dependencies/customMetrics row ({e.Message})", e);
            }
        }

        return new OtlpData(spans, points);
    }

    /// <summary>True when the text looks like an Application Insights export rather than OTLP JSON lines.</summary>
    public static bool LooksLikeExport(string firstLine)
    {
        ArgumentNullException.ThrowIfNull(firstLine);
        return !(firstLine.Contains("\"resourceSpans\"", StringComparison.Ordinal) || firstLine.Contains("\"resourceMetrics\"", StringComparison.Ordinal)
            || firstLine.Contains("\"resourceLogs\"", StringComparison.Ordinal));
    }

    private static IEnumerable<(Dictionary<string, JsonElement> Row, string Where)> Rows(string text)
    {
        // One JSON document (an array of rows, the query API's tables, or a single row), else JSON lines.
        JsonDocument? whole = null;
        try
        {
            whole = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
        }

        if (whole is null)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                using var line = Parse(lines[i], $"line {i + 1}");
                yield return (Object(line.RootElement, $"line {i + 1}"), $"line {i + 1}");
            }

            yield break;
        }

        using (whole)
        {
            var root = whole.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    index++;
                    yield return (Object(item, $"row {index}"), $"row {index}");
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tables", out var tables) && tables.ValueKind == JsonValueKind.Array)
            {
                foreach (var table in tables.EnumerateArray())
                {
                    var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? string.Empty).ToList();
                    var index = 0;
                    foreach (var values in table.GetProperty("rows").EnumerateArray())
                    {
                        index++;
                        var row = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
                        var cells = values.EnumerateArray().ToList();
                        for (var c = 0; c < Math.Min(columns.Count, cells.Count); c++)
                        {
                            row[columns[c]] = cells[c].Clone();
                        }

                        yield return (row, $"table {table.GetProperty("name").GetString()} row {index}");
                    }
                }
            }
            else
            {
                yield return (Object(root, "line 1"), "line 1");
            }
        }
    }

    private static JsonDocument Parse(string text, string where)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{where}: not JSON ({e.Message})", e);
        }
    }

    private static Dictionary<string, JsonElement> Object(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where}: a row must be a JSON object");
        }

        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"request", "dependency", "metric" or something else, from itemType (classic), Type (workspace) or $table (a union withsource).</summary>
    private static string Table(Dictionary<string, JsonElement> row)
    {
        // Columns match ignoring case, and the classic dependencies table has its own "type" (InProc, HTTP): only a value naming
        // a workspace table (AppRequests…) is read from Type.
        var table = (Text(row, "itemType", "$table", "TableName") ?? (Text(row, "Type") is { } type && type.StartsWith("App", StringComparison.OrdinalIgnoreCase) ? type : null))?.ToUpperInvariant();
        return table switch
        {
            "REQUEST" or "REQUESTS" or "APPREQUESTS" => "request",
            "DEPENDENCY" or "DEPENDENCIES" or "APPDEPENDENCIES" => "dependency",
            "CUSTOMMETRIC" or "CUSTOMMETRICS" or "APPMETRICS" => "metric",
            null when row.ContainsKey("valueSum") || (row.ContainsKey("Sum") && row.ContainsKey("Count")) => "metric",
            null when row.ContainsKey("DependencyType") || row.ContainsKey("target") => "dependency",
            null when row.ContainsKey("duration") || row.ContainsKey("DurationMs") => "request",
            _ => "other",
        };
    }

    private static OtlpSpan ReadSpan(Dictionary<string, JsonElement> row, bool request)
    {
        var trace = Text(row, "operation_Id", "OperationId") ?? throw new FormatException("no operation_Id / OperationId");
        var id = Text(row, "id", "Id") ?? throw new FormatException("no id / Id");
        var parent = Text(row, "operation_ParentId", "ParentId");
        var start = Nanos(Text(row, "timestamp", "TimeGenerated") ?? throw new FormatException("no timestamp / TimeGenerated"));
        var durationMs = Number(row, "duration", "DurationMs") ?? throw new FormatException("no duration / DurationMs");
        var attributes = Dimensions(row);
        var links = Links(attributes);
        attributes.Remove(LinksProperty);
        var code = Text(row, "resultCode", "ResultCode");
        if (request && int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            attributes.TryAdd("http.response.status_code", code!);
        }

        var kind = request ? OtlpSpan.Server
            : string.Equals(Text(row, "DependencyType") ?? Text(row, "type"), "InProc", StringComparison.OrdinalIgnoreCase) ? OtlpSpan.Internal : OtlpSpan.Client;
        var success = Bool(row, "success", "Success") ?? true;
        return new OtlpSpan(trace, id, string.IsNullOrEmpty(parent) || parent == trace ? null : parent, Text(row, "name", "Name") ?? string.Empty, kind,
            start, start + (long)Math.Round(durationMs * 1e6), !success, attributes, links);
    }

    private static OtlpPoint ReadMetric(Dictionary<string, JsonElement> row)
    {
        var name = Text(row, "name", "Name") ?? string.Empty;
        var time = Nanos(Text(row, "timestamp", "TimeGenerated") ?? throw new FormatException("no timestamp / TimeGenerated"));
        var attributes = Dimensions(row);
        var sum = Number(row, "valueSum", "Sum") ?? Number(row, "value", "Value") ?? 0;
        var count = (long)(Number(row, "valueCount", "Count") ?? 1);
        var series = $"appinsights|{name}|{string.Join(',', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}";
        return new OtlpPoint(series, name, attributes, Cumulative: false, time, time, sum, sum, count);
    }

    private static Dictionary<string, string> Dimensions(Dictionary<string, JsonElement> row)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryGet(row, out var dims, "customDimensions", "Properties"))
        {
            return attributes;
        }

        if (dims.ValueKind == JsonValueKind.String && dims.GetString() is { Length: > 0 } json)
        {
            using var parsed = JsonDocument.Parse(json);
            dims = parsed.RootElement.Clone();
        }

        if (dims.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in dims.EnumerateObject())
            {
                attributes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return attributes;
    }

    private static List<SpanLink> Links(Dictionary<string, string> attributes)
    {
        if (!attributes.TryGetValue(LinksProperty, out var json) || string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray()
            .Select(l => new SpanLink(Property(l, "operation_Id") ?? string.Empty, Property(l, "id") ?? string.Empty))
            .Where(l => l.TraceId.Length > 0)];

        static string? Property(JsonElement link, string name) =>
            link.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
    }

    private static bool TryGet(Dictionary<string, JsonElement> row, out JsonElement value, params string[] names)
    {
        foreach (var name in names)
        {
            if (row.TryGetValue(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? Text(Dictionary<string, JsonElement> row, params string[] names) =>
        TryGet(row, out var value, names) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    private static double? Number(Dictionary<string, JsonElement> row, params string[] names) =>
        !TryGet(row, out var value, names) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool? Bool(Dictionary<string, JsonElement> row, params string[] names) =>
        !TryGet(row, out var value, names) ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble() != 0
        : bool.Parse(value.GetString()!);

    /// <summary>An ISO 8601 time as Unix nanoseconds (100 ns precision, as Application Insights stores it).</summary>
    private static long Nanos(string time) =>
        (DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal) - DateTimeOffset.UnixEpoch).Ticks * 100;
}
