using System.Globalization;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>
/// What tools/bench/peak.lua's done() prints: <c>PEAK requests=.. duration_us=.. non202=.. extra=.. p50_us=.. p90_us=.. p99_us=..
/// max_us=.. errors_connect=.. errors_read=.. errors_write=.. errors_timeout=..</c>. Requests are answers received (wrk's
/// "requests"); <see cref="Extra"/> are health GETs the script sent instead of a second submission after a reconnect.
/// </summary>
public sealed record WrkSummary(long Requests, long DurationUs, long Non202, long Extra, long P50Us, long P90Us, long P99Us, long MaxUs, long SocketErrors)
{
    public const string Prefix = "PEAK ";

    /// <summary>Submissions answered 202.</summary>
    public long Acknowledged => Requests - Non202;

    /// <summary>Submissions answered with anything but 202 (the script's extra health GETs are 200 and are not submissions).</summary>
    public long Refused => Non202 - Extra;

    public double Seconds => DurationUs / 1e6;

    public double AcknowledgedPerSecond => DurationUs > 0 ? Acknowledged / Seconds : 0;

    /// <summary>
    /// Whether wrk ran to its time cap (<c>-d</c>) instead of being stopped by the script after the last answer: the stop was
    /// lost (seen once in about 40 runs), so the duration, the rate and every time counted from the burst's end are not the burst's.
    /// </summary>
    public bool RanToCap(TimeSpan cap) => DurationUs >= (long)(cap - TimeSpan.FromSeconds(1)).TotalMicroseconds;

    /// <summary>The PEAK line of wrk's output; FormatException when there is none or a field is missing.</summary>
    public static WrkSummary Parse(string wrkOutput)
    {
        ArgumentNullException.ThrowIfNull(wrkOutput);
        var line = wrkOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            ?? throw new FormatException("wrk printed no PEAK line (was the script tools/bench/peak.lua?)");
        var fields = line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length == 2 ? kv[1] : "", StringComparer.Ordinal);
        long Field(string name) => fields.TryGetValue(name, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"PEAK line without a number for '{name}': {line}");
        return new WrkSummary(Field("requests"), Field("duration_us"), Field("non202"), Field("extra"), Field("p50_us"), Field("p90_us"), Field("p99_us"), Field("max_us"),
            Field("errors_connect") + Field("errors_read") + Field("errors_write") + Field("errors_timeout"));
    }
}
