using EdTech.Domain.Assessments;

namespace EdTech.Domain.Grading;

/// <summary>The rules of the item types added with partial credit (docs/item-types.md), each as a <see cref="Credit"/>.</summary>
public static class PartialCredit
{
    public static bool IsNewType(string type) =>
        type is ItemType.TrueFalse or ItemType.Matching or ItemType.Ordering or ItemType.FillInTheBlanks;

    public static Credit Grade(AssessmentItem item, AnswerValue answer)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answer);
        var allOrNothing = ItemScoring.Of(item) == ItemScoring.AllOrNothing;
        var credit = item.Type switch
        {
            ItemType.TrueFalse => TrueFalse(item.Answer?.Boolean, answer.Boolean),
            ItemType.Matching => Matching(item.Options?.Pairs ?? [], answer.Pairs),
            ItemType.Ordering => Ordering(item.Answer?.Choices ?? [], answer.Choices),
            ItemType.FillInTheBlanks => Blanks(item.Options, answer.Choices),
            _ => Credit.None,
        };
        return allOrNothing ? Credit.AllOrNothing(credit.Total > 0 && credit.Earned >= credit.Total) : credit;
    }

    /// <summary>max(0, R − W) of K: R chosen choices in the key, W chosen choices not in it, K choices in the key.</summary>
    public static Credit RightMinusWrong(IReadOnlySet<string> key, IReadOnlySet<string> chosen)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(chosen);
        var right = chosen.Count(key.Contains);
        var wrong = chosen.Count - right;
        return new Credit(Math.Max(0, right - wrong), key.Count);
    }

    private static Credit TrueFalse(bool? key, bool? answer) => Credit.AllOrNothing(key.HasValue && answer == key);

    /// <summary>Right pairs of all pairs: a left side answered with its own right side (ordinal); unanswered lefts earn nothing.</summary>
    public static Credit Matching(IReadOnlyList<MatchPair> key, IReadOnlyDictionary<string, string>? answer)
    {
        ArgumentNullException.ThrowIfNull(key);
        var right = key.Count(p => answer is not null && answer.TryGetValue(p.Left, out var chosen) && chosen == p.Right);
        return new Credit(right, key.Count);
    }

    /// <summary>
    /// L of n: L is the length of the longest subsequence of the answer whose elements appear in the key's order (the longest
    /// common subsequence of the two), n the key's length. An L of 1 (every order has one) earns nothing.
    /// </summary>
    public static Credit Ordering(IReadOnlyList<string> key, IReadOnlyList<string>? answer)
    {
        ArgumentNullException.ThrowIfNull(key);
        var longest = answer is null ? 0 : LongestCommonSubsequence(key, answer);
        return new Credit(longest >= 2 ? longest : 0, key.Count);
    }

    /// <summary>Right blanks of all blanks: answer i compared with blank i's accepted answers by the text rules.</summary>
    public static Credit Blanks(ItemOptions? options, IReadOnlyList<string>? answer)
    {
        var blanks = options?.Blanks ?? [];
        var right = 0;
        for (var i = 0; i < blanks.Count && answer is not null && i < answer.Count; i++)
        {
            var blank = blanks[i];
            var caseSensitive = blank.CaseSensitive ?? options?.CaseSensitive ?? false;
            var whitespace = blank.Whitespace ?? options?.Whitespace;
            right += TextRules.Matches(answer[i] ?? string.Empty, blank.Accepted ?? [], caseSensitive, whitespace, blank.Pattern) ? 1 : 0;
        }

        return new Credit(right, blanks.Count);
    }

    private static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
