using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdTech.Infrastructure.ChangeFeed;

/// <summary>
/// While requests are in flight each handler takes <see cref="BusyBatchSize"/> changes, then pauses
/// <see cref="BusyPause"/>: acknowledgements first, background work right after. Defaults favour a burst's
/// acknowledgement latency; a larger step trades some of it for fresher projections under sustained load.
/// Deferrable handlers take the same small steps while an immediate handler (the path to students' results) is more than
/// <see cref="ResultsBehindPositions"/> feed positions behind the newest write (about a second of an exam's writes at
/// 500 submissions/s by default): grading and the views first.
/// Settings "Pump:BusyBatchSize", "Pump:BusyPauseMs" and "Pump:ResultsBehindPositions".
/// </summary>
public sealed record ChangeFeedPumpOptions(int BusyBatchSize = 4, TimeSpan BusyPause = default, int ResultsBehindPositions = 8192)
{
    public static readonly ChangeFeedPumpOptions Default = new(4, TimeSpan.FromMilliseconds(100), 8192);

    public static ChangeFeedPumpOptions From(IConfiguration configuration) => new(
        Positive(configuration, "Pump:BusyBatchSize", Default.BusyBatchSize),
        TimeSpan.FromMilliseconds(Positive(configuration, "Pump:BusyPauseMs", (int)Default.BusyPause.TotalMilliseconds)),
        Positive(configuration, "Pump:ResultsBehindPositions", Default.ResultsBehindPositions));

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        // Plain locals, no pattern variable: a mutant that leaves one unassigned makes Stryker drop every mutant of the method (docs/mutation.md).
        var text = configuration[key];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        throw new InvalidOperationException($"Setting '{key}' must be a positive integer; got '{text}'.");
    }
}
