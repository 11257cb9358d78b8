using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Health;

/// <summary><c>Health:*</c>: what readiness tolerates (docs/observability.md "Health").</summary>
public sealed record HealthSettings(TimeSpan MaxChangeFeedLag, TimeSpan CheckTimeout)
{
    public static readonly HealthSettings Default = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));

    public static HealthSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new HealthSettings(
            Seconds(configuration, "Health:MaxChangeFeedLagSeconds", Default.MaxChangeFeedLag),
            Seconds(configuration, "Health:CheckTimeoutSeconds", Default.CheckTimeout));
    }

    private static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"Setting '{key}' must be a whole number of seconds from 1 to 86400; got '{value}'.");
    }
}
