using EdTech.Application.Common;
using EdTech.Domain.Timing;

namespace EdTech.Application.Timing;

/// <summary>The timing options of an assessment's create/edit body.</summary>
public static class TimingRules
{
    public const int MinTimeLimitSeconds = 60;
    public const int MaxTimeLimitSeconds = 7 * 24 * 3600;

    public static void Validate(Validation v, int? timeLimitSeconds, string? overTime)
    {
        ArgumentNullException.ThrowIfNull(v);
        v.Require(timeLimitSeconds is null or (>= MinTimeLimitSeconds and <= MaxTimeLimitSeconds), "timeLimitSeconds", $"{MinTimeLimitSeconds} to {MaxTimeLimitSeconds} seconds.")
         .Require(overTime is null || OverTimePolicy.All.Contains(overTime), "overTime", "'accept-marked' or 'auto-submit'.")
         .Require(overTime is null || timeLimitSeconds is not null, "overTime", "Only with timeLimitSeconds.");
    }
}
