namespace EdTech.Domain.Usage;

/// <summary>The contract's limits on a batch of learning events (API.md, "Usage events").</summary>
public static class UsageRules
{
    public const int MaxEventsPerBatch = 500;

    public const double MaxDurationSeconds = 86_400;

    /// <summary>How far in the future (by the server's clock) an event's <c>at</c> may be: the clients' clock skew.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static IReadOnlySet<string> Verbs { get; } = new HashSet<string>(["viewed", "started", "completed", "answered"], StringComparer.Ordinal);

    public static IReadOnlySet<string> ObjectTypes { get; } = new HashSet<string>(["content", "assessment", "item"], StringComparer.Ordinal);

    public const string Viewed = "viewed";

    public const string Completed = "completed";

    public const string Started = "started";

    public const string Content = "content";

    /// <summary>Whether an event is a content view (counted as one in a day's <c>contentViews</c>).</summary>
    public static bool IsContentView(string verb, string objectType) => verb == Viewed && objectType == Content;

    /// <summary>Whether <paramref name="at"/> is no later than <paramref name="now"/> plus <see cref="MaxClockSkew"/>.</summary>
    public static bool IsNotTooFarAhead(DateTimeOffset at, DateTimeOffset now) => at <= now + MaxClockSkew;

    /// <summary>A finite duration within 0..<see cref="MaxDurationSeconds"/>.</summary>
    public static bool IsValidDuration(double seconds) => double.IsFinite(seconds) && seconds is >= 0 and <= MaxDurationSeconds;

    /// <summary>The UTC calendar day an instant is counted on ("yyyy-MM-dd").</summary>
    public static string DayOf(DateTimeOffset at) => DayOf(at, TimeZoneInfo.Utc);

    /// <summary>
    /// The calendar day an instant is counted on in <paramref name="zone"/> (the tenant's time zone), "yyyy-MM-dd": a school's day
    /// runs from its local midnight to its local midnight, 23 or 25 hours long on the days its clocks change.
    /// </summary>
    public static string DayOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
