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

    private static bool IsCorrect(AssessmentItem item, AnswerValue key, AnswerValue answer) => item.Type switch
    {
        ItemType.SingleChoice => TextOf(answer) is { } chosen && string.Equals(chosen, TextOf(key), StringComparison.Ordinal),
        ItemType.MultiChoice => SetOf(answer).SetEquals(SetOf(key)),
        ItemType.Numeric => NumberOf(answer) is { } n && NumberOf(key) is { } k && Math.Abs(n - k) <= (item.Tolerance ?? 0),
        ItemType.ShortText => TextOf(answer) is { } t && TextOf(key) is { } expected &&
            string.Equals(t.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string? TextOf(AnswerValue value) =>
        value.Text ?? value.Number?.ToString(CultureInfo.InvariantCulture) ?? (value.Choices is [var only] ? only : null);

    private static HashSet<string> SetOf(AnswerValue value) =>
        new(value.Choices ?? (value.Text is null ? [] : [value.Text]), StringComparer.Ordinal);

    private static decimal? NumberOf(AnswerValue value)
    {
        if (value.Number is { } n)
        {
            return n;
        }

        return decimal.TryParse(value.Text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
