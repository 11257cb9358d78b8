using EdTech.Application.Common;
using EdTech.Domain.Rubrics;

namespace EdTech.Application.Rubrics;

/// <summary>A rubric body's rules; every error names its JSON path (<c>criteria[1].levels[0].points</c>).</summary>
public static class RubricValidator
{
    public const int MaxCriteria = 50;
    public const int MaxLevels = 10;
    public const int MaxTitle = 200;
    public const int MaxDescription = 2000;
    public const decimal MaxLevelPoints = 1000;

    public static Validation Validate(RubricCommand c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var v = new Validation().Id(c.Id, "id").Text(c.Title, "title", MaxTitle).Text(c.Description, "description", MaxDescription, required: false);
        if (c.Criteria is not { Count: > 0 and <= MaxCriteria } criteria)
        {
            return v.Add("criteria", $"1 to {MaxCriteria} criteria.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var max = 0m;
        for (var i = 0; i < criteria.Count; i++)
        {
            var path = $"criteria[{i}]";
            if (criteria[i] is not { } criterion)
            {
                v.Add(path, "Required.");
                continue;
            }

            v.Id(criterion.Id, $"{path}.id", required: true).Text(criterion.Title, $"{path}.title", MaxTitle)
             .Text(criterion.Description, $"{path}.description", MaxDescription, required: false)
             .Require(criterion.Id is null || ids.Add(criterion.Id), $"{path}.id", "Duplicate criterion id.");
            max += ValidateLevels(v, criterion.Levels, path);
        }

        return v.IsValid ? v.Require(max > 0, "criteria", "The rubric's maximum (each criterion's highest level, summed) must be greater than 0.") : v;
    }

    /// <summary>Checks a criterion's levels; returns its highest level's points (0 when invalid).</summary>
    private static decimal ValidateLevels(Validation v, IReadOnlyList<RubricLevelInput>? levels, string path)
    {
        if (levels is not { Count: > 0 and <= MaxLevels })
        {
            v.Add($"{path}.levels", $"1 to {MaxLevels} levels.");
            return 0;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var max = 0m;
        for (var j = 0; j < levels.Count; j++)
        {
            var at = $"{path}.levels[{j}]";
            if (levels[j] is not { } level)
            {
                v.Add(at, "Required.");
                continue;
            }

            v.Id(level.Id, $"{at}.id", required: true).Text(level.Title, $"{at}.title", MaxTitle)
             .Text(level.Description, $"{at}.description", MaxDescription, required: false)
             .Require(level.Id is null || ids.Add(level.Id), $"{at}.id", "Duplicate level id in this criterion.")
             .Require(level.Points is { } p && p >= 0 && p <= MaxLevelPoints && decimal.Round(p, 2) == p, $"{at}.points",
                $"Required: 0 to {MaxLevelPoints}, at most 2 decimals.");
            max = Math.Max(max, level.Points ?? 0);
        }

        return max;
    }

    /// <summary>The domain rubric of a valid body (titles and descriptions trimmed; blank descriptions dropped).</summary>
    public static Rubric ToDomain(string id, RubricCommand c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new Rubric(id, c.Title!.Trim(), Blank(c.Description),
            c.Criteria!.Select(k => new RubricCriterion(k!.Id!, k.Title!.Trim(), Blank(k.Description),
                k.Levels!.Select(l => new RubricLevel(l!.Id!, l.Title!.Trim(), Blank(l.Description), l.Points!.Value)).ToList())).ToList());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
