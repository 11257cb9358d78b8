using System.Text.RegularExpressions;
using EdTech.Application.Common;
using EdTech.Application.Tenants.Directory;

namespace EdTech.Application.Tenants;

public static partial class UpdateTenantValidator
{
    public const int MaxFeatures = 64;
    public const int MaxDirectories = 20;

    public static Validation Validate(UpdateTenantCommand c)
    {
        var v = new Validation();
        if (c.Name.IsSet)
        {
            v.Text(c.Name.Value, "name", 200);
        }

        if (c.TimeZone.IsSet)
        {
            v.Require(TimeZones.IsValid(c.TimeZone.Value), "timeZone", "An IANA time zone such as 'Europe/London'.");
        }

        if (c.Quotas is { } q)
        {
            Quota(v, q.MaxStudents, "quotas.maxStudents", 10_000_000);
            Quota(v, q.MaxSubmissionsPerMinute, "quotas.maxSubmissionsPerMinute", 1_000_000);
            Quota(v, q.StorageMb, "quotas.storageMb", 100_000_000);
            var budget = q.MonthlyTokenBudget;
            v.Require(!budget.IsSet || budget.Value is null || (budget.Value >= 0 && budget.Value <= Content.Tagging.TaggingBudgetSettings.Max),
                "quotas.monthlyTokenBudget", $"Null (platform default) or 0 to {Content.Tagging.TaggingBudgetSettings.Max}.");
        }

        if (c.Features is { IsSet: true, Value: { } features })
        {
            v.Require(features.Count <= MaxFeatures, "features", $"At most {MaxFeatures} flags.");
            foreach (var key in features.Keys.Where(k => !FeatureName().IsMatch(k)))
            {
                v.Add($"features.{(key.Length > 64 ? key[..64] : key)}", "Flag names are lower-case letters, digits, '.', '_' or '-', at most 64.");
            }
        }

        if (c.EntraTenantIds is { IsSet: true, Value: { } ids })
        {
            v.Require(ids.Length <= MaxDirectories, "entraTenantIds", $"At most {MaxDirectories} directories.");
            for (var i = 0; i < ids.Length && i < MaxDirectories; i++)
            {
                v.Require(DirectoryIds.TryNormalize(ids[i], out _), $"entraTenantIds[{i}]", "A directory (tenant) id GUID.");
            }
        }

        return v;
    }

    private static void Quota(Validation v, Optional<int?> value, string field, int max) =>
        v.Require(!value.IsSet || value.Value is null || (value.Value >= 1 && value.Value <= max), field, $"Null (platform default) or 1 to {max}.");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}\\z")]
    private static partial Regex FeatureName();
}
