using System.Security.Cryptography;
using System.Text;

namespace EdTech.Domain.Assessments;

/// <summary>
/// What a student is shown of the richer item types, so that nothing shown depends on the key: a matching item's right-hand
/// options sorted (a function of the set only, not of the pairing), an ordering item's elements in a fixed shuffle
/// (a function of the item id and the set only).
/// </summary>
public static class ItemPresentation
{
    /// <summary>Matching: the left sides, in the teacher's order (they carry no key: the pairing is in the right sides).</summary>
    public static IReadOnlyList<string>? LeftSides(AssessmentItem item) =>
        item?.Type == ItemType.Matching ? item.Options?.Pairs?.Select(p => p.Left).ToList() : null;

    /// <summary>Matching: every distinct right side and distractor, sorted ordinally.</summary>
    public static IReadOnlyList<string>? RightOptions(AssessmentItem item) =>
        item?.Type == ItemType.Matching
            ? (item.Options?.Pairs ?? []).Select(p => p.Right).Concat(item.Options?.Distractors ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : null;

    /// <summary>
    /// The choices a student sees: an ordering item's elements ordered by a hash of (item id, element), other types' choices as
    /// authored. Never adjusted when the shuffle happens to be the key's order: the algorithm is public, so any adjustment
    /// would itself tell the student the key (a fixed function of the id and the set tells nothing).
    /// </summary>
    public static IReadOnlyList<string>? Choices(AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Type != ItemType.Ordering)
        {
            return item.Choices;
        }

        var key = item.Answer?.Choices ?? [];
        return key.OrderBy(e => Rank(item.Id, e), StringComparer.Ordinal).ThenBy(e => e, StringComparer.Ordinal).ToList();
    }

    /// <summary>Fill-in-the-blanks: how many blanks the prompt has.</summary>
    public static int? BlankCount(AssessmentItem item) =>
        item?.Type == ItemType.FillInTheBlanks ? item.Options?.Blanks?.Count ?? 0 : null;

    private static string Rank(string itemId, string element) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(itemId + "\n" + element)));
}
