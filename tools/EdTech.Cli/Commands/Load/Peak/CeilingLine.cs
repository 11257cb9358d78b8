using System.Globalization;
using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>
/// The reference ceiling's one line (an outside script, e.g. a minimal ASP.NET Core app doing JWT + JSON + SQLite group commit):
/// <c>ceiling: health H req/s, jwt+json J req/s, durable ack (group commit) A req/s</c>. Null fields when absent.
/// </summary>
public sealed partial record CeilingLine(double? Health, double? JwtJson, double? DurableAck)
{
    public static CeilingLine Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new CeilingLine(Number(HealthRx().Match(output)), Number(JwtRx().Match(output)), Number(AckRx().Match(output)));
    }

    /// <summary>acknowledged/s ÷ the ceiling's durable ack; null without a ceiling.</summary>
    public double? Ratio(double acknowledgedPerSecond) => DurableAck is > 0 ? acknowledgedPerSecond / DurableAck : null;

    private static double? Number(Match m) =>
        m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(@"health\s+([0-9.]+)\s+req/s")]
    private static partial Regex HealthRx();

    [GeneratedRegex(@"jwt\+json\s+([0-9.]+)\s+req/s")]
    private static partial Regex JwtRx();

    [GeneratedRegex(@"durable ack[^0-9]*([0-9.]+)\s+req/s")]
    private static partial Regex AckRx();
}
