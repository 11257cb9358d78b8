using EdTech.Application.Common;
using EdTech.Application.Timing;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Assessments;

public static class CreateAssessmentValidator
{
    public const int MaxItems = 200;

    public static Validation Validate(CreateAssessmentCommand c)
    {
        var v = new Validation().Id(c.Id, "id").Text(c.Title, "title", 200)
            .Require(c.DueAt is not null, "dueAt", "Required (ISO 8601).")
            .Instant(c.DueAt, "dueAt")
            .Require(c.GraceSeconds is null or (>= 0 and <= 604_800), "graceSeconds", "0 to 604800.")
            .Require(c.MaxAttempts is null or (>= 1 and <= 100), "maxAttempts", "1 to 100.")
            .Id(c.Category, "category");
        TimingRules.Validate(v, c.TimeLimitSeconds, c.OverTime);
        if (c.LatePolicy is { } late)
        {
            v.Require(late.PercentPerDay is >= 0 and <= 100, "latePolicy.percentPerDay", "0 to 100.")
             .Require(late.FloorPercent is >= 0 and <= 100, "latePolicy.floorPercent", "0 to 100.");
        }

        if (c.Release is not { } release || !ReleasePolicy.Modes.Contains(release.Mode))
        {
            v.Add("release.mode", "One of immediate, afterDue, manual, scheduled.");
        }
        else
        {
            v.Require(release.Mode != ReleasePolicy.Scheduled || release.At is not null, "release.at", "Required when mode is 'scheduled'.")
             .Instant(release.At, "release.at");
        }

        if (c.Items is not { Count: > 0 and <= MaxItems } items)
        {
            return v.Add("items", $"1 to {MaxItems} items.");
        }

        if (ItemOptionRules.PatternCount(items) > ItemOptionRules.MaxPatternsPerAssessment)
        {
            // Checked before any item: each pattern is probed on create (docs/item-types.md), so their number bounds the request's work.
            return v.Add("items", $"At most {ItemOptionRules.MaxPatternsPerAssessment} patterns (short-text and blank patterns together) per assessment.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                v.Add($"items[{i}]", "Required.");
                continue;
            }

            ValidateItem(v, items[i], $"items[{i}]");
            v.Require(items[i].Id is null || ids.Add(items[i].Id!), $"items[{i}].id", "Duplicate item id.");
        }

        return v;
    }

    private static void ValidateItem(Validation v, ItemInput item, string path)
    {
        v.Id(item.Id, $"{path}.id", required: true).Text(item.Prompt, $"{path}.prompt", 5000)
         .Require(item.Points is > 0 and <= 1000, $"{path}.points", "Greater than 0, at most 1000.");
        if (item.Skills is not { Count: <= 20 } skills || skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100))
        {
            v.Add($"{path}.skills", "Up to 20 skill names of 1 to 100 characters.");
        }

        if (!ItemType.All.Contains(item.Type))
        {
            v.Add($"{path}.type", $"One of {string.Join(", ", ItemType.All)}.");
            return;
        }

        AnswerKeyRules.Validate(v, item, path);
    }
}
