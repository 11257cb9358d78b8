using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>
/// The grounding rule of the written summary (docs/slo.md "Summary"): every figure in the summary must be a figure of the report.
/// <list type="bullet">
/// <item>The report's figures: every number of its JSON (<see cref="TelemetryCommand.Json"/>), the numbers written inside its strings
/// (the anomaly rule, times), the lengths of its lists; a fraction the tables show as a percentage (share, compliance, objective, error
/// rate) counts also × 100, and a duration in milliseconds also ÷ 1000 (written in seconds).</item>
/// <item>A figure of the summary: a run of digits not glued to a letter, digit, '_' or '.' before it (so <c>p99</c>, <c>t1</c> and ids
/// are not figures), with thousands separators (1,234, or a no-break space) removed and its decimals kept; the report's own strings (tenant and
/// operation names, times) are taken out of the summary first. The sign is ignored ("22 % lower" for −22).</item>
/// <item>It is grounded when some report figure rounds to it at the summary's precision (0.5 away from zero): 18,208 and 18208.0
/// for 18208.04, 3.5 for 0.03496 × 100; 18,300 for 18,208 is not grounded.</item>
/// </list>
/// </summary>
public static partial class SummaryGrounding
{
    /// <summary>The figures of the summary that no report figure rounds to (empty = grounded).</summary>
    public static IReadOnlyList<string> Violations(string summary, TelemetryReport report)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(report);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report with { Summary = null }, TelemetryCommand.Json));
        var figures = new HashSet<double>();
        var strings = new List<string>();
        Collect(json.RootElement, figures, strings);
        var text = summary;
        foreach (var s in strings.Where(s => s.Length >= 2).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            text = text.Replace(s, " ", StringComparison.Ordinal);
        }

        var allowed = figures.SelectMany(f => new[] { Math.Abs(f), Math.Abs(f * 100), Math.Abs(f / 1000) }).ToList();
        return [.. Figures(text).Where(f => !allowed.Any(a => Math.Round(a, f.Decimals, MidpointRounding.AwayFromZero) == f.Value)).Select(f => f.Text).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The figures of a text as the rule reads them: value (sign dropped), decimals, and the text as written.</summary>
    public static IEnumerable<(double Value, int Decimals, string Text)> Figures(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Figure().Matches(text))
        {
            var written = match.Value;
            var plain = written.Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
            var dot = plain.IndexOf('.', StringComparison.Ordinal);
            yield return (double.Parse(plain, CultureInfo.InvariantCulture), dot < 0 ? 0 : plain.Length - dot - 1, written);
        }
    }

    private static void Collect(JsonElement element, HashSet<double> figures, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                figures.Add(element.GetDouble());
                break;
            case JsonValueKind.String:
                var s = element.GetString()!;
                strings.Add(s);
                foreach (var f in Figures(s))
                {
                    figures.Add(f.Value);
                }

                break;
            case JsonValueKind.Array:
                figures.Add(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, figures, strings);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, figures, strings);
                }

                break;
            default:
                break;
        }
    }

    // Digits not glued to a word or a decimal point before them; thousands groups of three (',' or a space kind) and decimals.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.])\d{1,3}(?:[,\u00A0\u202F]\d{3})+(?:\.\d+)?(?![\p{N}])|(?<![\p{L}\p{N}_.])\d+(?:\.\d+)?")]
    private static partial Regex Figure();
}
