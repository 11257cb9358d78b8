namespace EdTech.Domain.Assessments;

/// <summary>The partial-credit rules (docs/item-types.md has the formulas) and which item types take which.</summary>
public static class ItemScoring
{
    /// <summary>Full points for a fully right answer, else zero.</summary>
    public const string AllOrNothing = "all-or-nothing";

    /// <summary>Multi-choice: points × max(0, right − wrong) ÷ number of correct choices.</summary>
    public const string RightMinusWrong = "right-minus-wrong";

    /// <summary>Matching: points × right pairs ÷ pairs.</summary>
    public const string PerPair = "per-pair";

    /// <summary>Ordering: points × L ÷ n, where L is the longest subsequence in the key's order (0 when L is 1).</summary>
    public const string LongestSubsequence = "longest-subsequence";

    /// <summary>Fill-in-the-blanks: points × right blanks ÷ blanks.</summary>
    public const string PerBlank = "per-blank";

    /// <summary>The rules a type accepts, the default first; empty for types without a choice of rule.</summary>
    public static IReadOnlyList<string> AllowedFor(string type) => type switch
    {
        ItemType.MultiChoice => [AllOrNothing, RightMinusWrong],
        ItemType.Matching => [PerPair, AllOrNothing],
        ItemType.Ordering => [LongestSubsequence, AllOrNothing],
        ItemType.FillInTheBlanks => [PerBlank, AllOrNothing],
        _ => [],
    };

    /// <summary>The rule an item is graded by: its own, else its type's default; null for types without a choice of rule.</summary>
    public static string? Of(AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var allowed = AllowedFor(item.Type);
        return allowed.Count == 0 ? null : item.Options?.Scoring ?? allowed[0];
    }
}
