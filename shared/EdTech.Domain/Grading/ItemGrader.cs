using System.Globalization;
using EdTech.Domain.Assessments;

namespace EdTech.Domain.Grading;

/// <summary>Auto-grading rules per item type (docs/item-types.md). Pure: the same answer always gets the same score.</summary>
public static class ItemGrader
{
    /// <returns>The points earned, or null when the item needs a human.</returns>
    public static decimal? Grade(AssessmentItem item, AnswerValue? answer)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Type == ItemType.Essay)
        {
            return null;
        }

        if (answer is null)
        {
            return 0;
        }

        return PartialCredit.IsNewType(item.Type) ? PartialCredit.Grade(item, answer).Of(item.Points) : GradeOriginal(item, answer);
    }

    // The original four types. Scores are exactly the item's points or zero unless a partial rule is chosen, as before options existed.
    private static decimal GradeOriginal(AssessmentItem item, AnswerValue answer)
    {
        if (item.Answer is null)
        {
            return 0;
        }

        if (item.Type == ItemType.MultiChoice && ItemScoring.Of(item) == ItemScoring.RightMinusWrong)
        {
            return PartialCredit.RightMinusWrong(SetOf(item.Answer), SetOf(answer)).Of(item.Points);
        }

        return IsCorrect(item, item.Answer, answer) ? item.Points : 0;
    }

    // No pattern variables behind && or ?: in these rules: mutation testing (docs/mutation.md) must be able to compile each
    // mutant of them, and a pattern variable that a mutant leaves unassigned does not compile.
    private static bool IsCorrect(AssessmentItem item, AnswerValue key, AnswerValue answer) => item.Type switch
    {
        ItemType.SingleChoice => SameText(TextOf(answer), TextOf(key), StringComparison.Ordinal),
        ItemType.MultiChoice => SetOf(answer).SetEquals(SetOf(key)),
        ItemType.Numeric => WithinTolerance(NumberOf(answer), NumberOf(key), item.Tolerance ?? 0, item.Options?.RelativeTolerance ?? 0),
        ItemType.ShortText => ShortTextMatches(item, TextOf(key), TextOf(answer)),
        _ => false,
    };

    private static bool ShortTextMatches(AssessmentItem item, string? key, string? answer)
    {
        if (answer is null || key is null)
        {
            return false;
        }

        var o = item.Options;
        return TextRules.Matches(answer, [key, .. o?.AcceptedAnswers ?? []], o?.CaseSensitive ?? false, o?.Whitespace, o?.Pattern);
    }

    private static bool SameText(string? answer, string? key, StringComparison comparison) =>
        answer is not null && key is not null && string.Equals(answer, key, comparison);

    /// <summary>|answer − key| ≤ max(absolute, relative × |key|); a difference beyond decimal's range is beyond any tolerance.</summary>
    private static bool WithinTolerance(decimal? answer, decimal? key, decimal absolute, decimal relative)
    {
        if (!answer.HasValue || !key.HasValue)
        {
            return false;
        }

        decimal difference;
        try
        {
            difference = Math.Abs(answer.Value - key.Value);
        }
        catch (OverflowException)
        {
            return false;
        }

        return difference <= Math.Max(absolute, relative * Math.Abs(key.Value));
    }

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
