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
        else if (item.Choices is not null && ItemOptionRules.IsRicherType(item.Type!))
        {
            v.Add($"{path}.choices", ItemOptionRules.ChoicesMessage(item.Type!));
        }

        v.Require(item.Tolerance is null || (item.Type == ItemType.Numeric && item.Tolerance >= 0), $"{path}.tolerance", "Only for numeric items, and not negative.");
        ItemOptionRules.Validate(v, item, path);
        if (item.Type == ItemType.Essay)
        {
            return;
        }

        if (ItemOptionRules.KeyIsInOptions(item.Type!))
        {
            v.Require(item.Answer is null, $"{path}.answer", $"Not used by {item.Type} items: the key is in options.");
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

    /// <returns>Why a student's <paramref name="value"/> is not a valid answer to <paramref name="item"/>, or null.</returns>
    public static string? AnswerError(AssessmentItem item, AnswerValue value)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ItemOptionRules.IsRicherType(item.Type) ? ItemOptionRules.StudentAnswerError(item, value) : AnswerError(item.Type, item.Choices, value, isKey: false);
    }

    /// <returns>Why <paramref name="value"/> is not a valid answer for the item, or null.</returns>
    public static string? AnswerError(string type, IReadOnlyList<string>? choices, AnswerValue value, bool isKey) => type switch
    {
        ItemType.SingleChoice => value.Text is { } t && choices!.Contains(t) ? null : "One of the item's choices.",
        ItemType.MultiChoice => value.Choices is { } set && (!isKey || set.Count > 0) && set.All(choices!.Contains)
            && set.Distinct(StringComparer.Ordinal).Count() == set.Count ? null : "An array of distinct choices of the item.",
        ItemType.Numeric => value.Number is not null ? null : "A number.",
        ItemType.ShortText or ItemType.Essay => value.Text is { } s && (!isKey || s.Trim().Length > 0) && s.Length <= 20_000 ? null : "A string of at most 20000 characters.",
        ItemType.TrueFalse => value.Boolean is not null ? null : "true or false.",
        ItemType.Ordering => ItemOptionRules.OrderingKeyError(value),
        _ => "Unknown item type.",
    };
}
