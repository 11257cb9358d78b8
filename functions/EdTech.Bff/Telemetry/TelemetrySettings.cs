using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Telemetry;

/// <summary>
/// <c>Telemetry:*</c> (docs/observability.md, docs/configuration.md). A bad value stops start-up naming the setting.
/// </summary>
/// <param name="SamplingRatio">Share of new traces kept (0–1); a trace that arrives sampled or not keeps its caller's decision (parent-based).</param>
/// <param name="KeepErrors">Spans that end in error are exported even when their trace was not sampled (<see cref="ErrorKeepingSampler"/>).</param>
/// <param name="MaxTenantTags">Tenants that get their own metric dimension value per process; the rest are "_other".</param>
public sealed record TelemetrySettings(double SamplingRatio, bool KeepErrors, int MaxTenantTags)
{
    public static readonly TelemetrySettings Default = new(0.1, true, 100);

    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var ratio = Default.SamplingRatio;
        if (configuration["Telemetry:SamplingRatio"] is { Length: > 0 } r)
        {
            if (!double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1 || double.IsNaN(ratio))
            {
                problems.Add($"Setting 'Telemetry:SamplingRatio' must be a number from 0 to 1; got '{r}'.");
            }
        }

        var keepErrors = Default.KeepErrors;
        if (configuration["Telemetry:KeepErrors"] is { Length: > 0 } k && !bool.TryParse(k, out keepErrors))
        {
            problems.Add($"Setting 'Telemetry:KeepErrors' must be true or false; got '{k}'.");
        }

        var maxTenants = Default.MaxTenantTags;
        if (configuration["Telemetry:MaxTenantTags"] is { Length: > 0 } m
            && (!int.TryParse(m, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxTenants) || maxTenants is < 0 or > 10_000))
        {
            problems.Add($"Setting 'Telemetry:MaxTenantTags' must be a whole number from 0 to 10000; got '{m}'.");
        }

        return problems.Count == 0 ? new TelemetrySettings(ratio, keepErrors, maxTenants) : throw new InvalidOperationException(string.Join(" ", problems));
    }
}
