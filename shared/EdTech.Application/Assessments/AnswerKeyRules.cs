using EdTech.Application.Common;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Assessments;

/// <summary>What an answer key (and a student's answer) must look like for each item type.</summary>
public static class AnswerKeyRules
{
    public static void Validate(Validation v, ItemInput item, string path)
    {
        var hasChoices = item.Type is ItemType.SingleChoice or ItemType.MultiChoice;
        if (hasChoices)
        {
            if (item.Choices is not { Count: >= 2 and <= 26 } choices || choices.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 1000)
                || choices.Distinct(StringComparer.Ordinal).Count() != choices.Count)
            {
                v.Add($"{path}.choices", "2 to 26 distinct, non-empty choices.");
                return;
            }
        }

        v.Require(item.Tolerance is null || (item.Type == ItemType.Numeric && item.Tolerance >= 0), $"{path}.tolerance", "Only for numeric items, and not negative.");
        if (item.Type == ItemType.Essay)
        {
            return;
        }

        if (item.Answer is null)
        {
            v.Add($"{path}.answer", "Required for auto-graded items.");
            return;
        }

        var error = AnswerError(item.Type!, item.Choices, item.Answer, isKey: true);
        if (error is not null)
        {
            v.Add($"{path}.answer", error);
        }
    }

    /// <returns>Why <paramref name="value"/> is not a valid answer for the item, or null.</returns>
    public static string? AnswerError(string type, IReadOnlyList<string>? choices, AnswerValue value, bool isKey) => type switch
    {
        ItemType.SingleChoice => value.Text is { } t && choices!.Contains(t) ? null : "One of the item's choices.",
        ItemType.MultiChoice => value.Choices is { } set && (!isKey || set.Count > 0) && set.All(choices!.Contains)
            && set.Distinct(StringComparer.Ordinal).Count() == set.Count ? null : "An array of distinct choices of the item.",
        ItemType.Numeric => value.Number is not null ? null : "A number.",
        ItemType.ShortText or ItemType.Essay => value.Text is { } s && (!isKey || s.Trim().Length > 0) && s.Length <= 20_000 ? null : "A string of at most 20000 characters.",
        _ => "Unknown item type.",
    };
}
