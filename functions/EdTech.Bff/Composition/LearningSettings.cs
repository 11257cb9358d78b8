using System.Globalization;
using EdTech.Application.Learning;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Composition;

/// <summary>
/// <see cref="LearningOptions"/> from configuration: "Learning:TargetSuccess" (default 0.7) and per tenant
/// "Learning:Tenants:{tenantId}:TargetSuccess" (app settings "Learning__Tenants__school1__TargetSuccess"). Values outside (0, 1) are ignored.
/// </summary>
public static class LearningSettings
{
    public static LearningOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Learning");
        var tenants = section.GetSection("Tenants").GetChildren()
            .Select(t => (t.Key, Target: Parse(t["TargetSuccess"])))
            .Where(t => t.Target is not null)
            .ToDictionary(t => t.Key, t => t.Target!.Value, StringComparer.Ordinal);
        return LearningOptions.Default with
        {
            DefaultTargetSuccess = Parse(section["TargetSuccess"]) ?? LearningOptions.Default.DefaultTargetSuccess,
            TenantTargetSuccess = tenants,
        };
    }

    private static double? Parse(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is > 0 and < 1 ? v : null;
}
