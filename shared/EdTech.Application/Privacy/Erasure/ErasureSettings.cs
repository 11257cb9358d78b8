using System.Globalization;

namespace EdTech.Application.Privacy.Erasure;

/// <param name="RecreateAfter">
/// How long after an erasure finished its user id may be given to a new user (<c>Privacy:RecreateErasedAfterSeconds</c>, default
/// one hour). It must exceed the longest single step that can still hold the erased student's data in memory (a change-feed
/// handler attempt or a durable activity, both bounded by the host's function timeout, 30 minutes on Flex Consumption): once the
/// marker is lifted nothing refuses such a step's late write any more (docs/privacy.md).
/// </param>
public sealed record ErasureSettings(TimeSpan RecreateAfter)
{
    public static ErasureSettings Default { get; } = new(TimeSpan.FromHours(1));

    /// <summary>Seconds, 0 or more; missing falls back to the default, anything else stops the host naming the setting.</summary>
    public static ErasureSettings From(string? seconds) =>
        seconds is not { Length: > 0 }
            ? Default
            : int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? new ErasureSettings(TimeSpan.FromSeconds(value))
                : throw new InvalidOperationException($"Privacy:RecreateErasedAfterSeconds must be a whole number of seconds (0 or more), not '{seconds}'.");
}
