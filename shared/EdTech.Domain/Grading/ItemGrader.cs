using System.Globalization;
using EdTech.Domain.Assessments;

namespace EdTech.Domain.Grading;

/// <summary>Auto-grading rules per item type. Pure: the same answer always gets the same score.</summary>
public static class ItemGrader
{
    /// <returns>The points earned, or null when the item needs a human.</returns>
    public static decimal? Grade(AssessmentItem item, AnswerValue? answer)
    {
        if (item.Type == ItemType.Essay)
        {
            return null;
        }

        if (answer is null || item.Answer is null)
        {
            return 0;
        }

        return IsCorrect(item, item.Answer, answer) ? item.Points : 0;
    }

    // No pattern variables behind && or ?: in these rules: mutation testing (docs/mutation.md) must be able to compile each
    // mutant of them, and a pattern variable that a mutant leaves unassigned does not compile.
    private static bool IsCorrect(AssessmentItem item, AnswerValue key, AnswerValue answer) => item.Type switch
    {
        ItemType.SingleChoice => SameText(TextOf(answer), TextOf(key), StringComparison.Ordinal),
        ItemType.MultiChoice => SetOf(answer).SetEquals(SetOf(key)),
        ItemType.Numeric => WithinTolerance(NumberOf(answer), NumberOf(key), item.Tolerance ?? 0),
        ItemType.ShortText => SameText(TextOf(answer)?.Trim(), TextOf(key)?.Trim(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool SameText(string? answer, string? key, StringComparison comparison) =>
        answer is not null && key is not null && string.Equals(answer, key, comparison);

    private static bool WithinTolerance(decimal? answer, decimal? key, decimal tolerance) =>
        answer.HasValue && key.HasValue && Math.Abs(answer.Value - key.Value) <= tolerance;

    private static string? TextOf(AnswerValue value) =>
        value.Text ?? value.Number?.ToString(CultureInfo.InvariantCulture) ?? OnlyChoice(value.Choices);

    private static string? OnlyChoice(IReadOnlyList<string>? choices) => choices?.Count == 1 ? choices[0] : null;

    private static HashSet<string> SetOf(AnswerValue value) =>
        new(value.Choices ?? (value.Text is null ? [] : [value.Text]), StringComparer.Ordinal);

    private static decimal? NumberOf(AnswerValue value)
    {
        if (value.Number.HasValue)
        {
            return value.Number.Value;
        }

        var parsed = decimal.TryParse(value.Text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        return parsed ? number : null;
    }
}
