using System.Globalization;
using System.Text;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>One sample line of a Prometheus text exposition: metric name, labels, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Parses the Prometheus text format (version 0.0.4) as the OpenTelemetry exporter writes it: comment lines skipped, labels
/// with escaped quotes/backslashes/newlines, an optional timestamp after the value. A line that does not parse is an error
/// naming it: a benchmark must not silently read zero.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<MetricSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return samples;
    }

    private static MetricSample ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && !char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var name = line[..i];
        if (name.Length == 0)
        {
            throw new FormatException($"No metric name in '{line}'.");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i = ParseLabels(line, i + 1, labels);
        }

        var rest = line[i..].Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"Expected a value (and an optional timestamp) in '{line}'.");
        }

        return new MetricSample(name, labels, ParseValue(rest[0], line));
    }

    /// <returns>The index after the closing brace.</returns>
    private static int ParseLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (true)
        {
            while (i < line.Length && (line[i] == ',' || char.IsWhiteSpace(line[i])))
            {
                i++;
            }

            if (i < line.Length && line[i] == '}')
            {
                return i + 1;
            }

            var eq = line.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"')
            {
                throw new FormatException($"Bad label at {i} in '{line}'.");
            }

            var key = line[i..eq].Trim();
            var value = new StringBuilder();
            i = eq + 2;
            while (true)
            {
                if (i >= line.Length)
                {
                    throw new FormatException($"Unterminated label value in '{line}'.");
                }

                var c = line[i++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && i < line.Length)
                {
                    var next = line[i++];
                    value.Append(next == 'n' ? '\n' : next);
                }
                else
                {
                    value.Append(c);
                }
            }

            labels[key] = value.ToString();
        }
    }

    private static double ParseValue(string token, string line) => token switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"Bad value '{token}' in '{line}'."),
    };
}

/// <summary>
/// One scrape of /metrics, queried by the instrument's base name (the exporter's name: dots as underscores; a counter gets
/// <c>_total</c>, which is matched either way).
/// </summary>
public sealed class MetricsSnapshot(IReadOnlyList<MetricSample> samples)
{
    public static MetricsSnapshot Parse(string text) => new(PrometheusText.Parse(text));

    public IReadOnlyList<MetricSample> Samples { get; } = samples;

    public bool Has(string baseName) => Of(baseName).Any();

    /// <summary>Sum over every series of the metric; null when the metric is not exposed at all.</summary>
    public double? Total(string baseName)
    {
        var series = Of(baseName).ToList();
        return series.Count == 0 ? null : series.Sum(s => s.Value);
    }

    /// <summary>
    /// Sums by the value of the first label whose name ends with one of <paramref name="labelSuffixes"/> (e.g. "container"
    /// matches <c>container</c> and <c>edtech_store_container</c>); series without such a label sum under "(none)".
    /// </summary>
    public IReadOnlyDictionary<string, double> By(string baseName, IReadOnlyList<string> labelSuffixes)
    {
        ArgumentNullException.ThrowIfNull(labelSuffixes);
        var groups = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in Of(baseName))
        {
            var key = labelSuffixes.Select(suffix => s.Labels.Where(l => l.Key.EndsWith(suffix, StringComparison.Ordinal)).Select(l => l.Value).FirstOrDefault())
                .FirstOrDefault(v => v is not null) ?? "(none)";
            groups[key] = groups.GetValueOrDefault(key) + s.Value;
        }

        return groups;
    }

    private IEnumerable<MetricSample> Of(string baseName) =>
        Samples.Where(s => s.Name == baseName || s.Name == baseName + "_total");
}
