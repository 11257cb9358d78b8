using System.Text.RegularExpressions;
using EdTech.Domain.Assessments;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Domain.Content;

/// <summary>
/// A prior difficulty (1 easiest … 5 hardest) from an item's wording and form alone, before any response exists.
/// A sum of a few visible features, each worth at most about one step, so an author can see why:
/// <list type="bullet">
/// <item>the Bloom level of its command verb (remember 0, understand/apply +0.5/+1, analyze +1.5, evaluate/create +2);</item>
/// <item>the answer form: an essay +1, short text +0.5, a numeric answer +0.25 (no options to recognise), a choice item +0;</item>
/// <item>length of the stem: +0.5 over 25 words, +1 over 45 (more to read and hold);</item>
/// <item>numbers in the stem: +0.5 with three or more (multi-step working);</item>
/// <item>few options make guessing easy: two or three choices −0.25.</item>
/// </list>
/// Starts at 1 and is rounded and clamped to 1..5. Measured against labelled difficulty by `edtech evaluate tagging`
/// (docs/content-intelligence.md); responses replace it as evidence arrives (Elo/IRT, docs/learner-models.md).
/// </summary>
public static partial class DifficultyEstimate
{
    public const int Min = 1;
    public const int Max = 5;

    public static ItemDifficulty Of(AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (bloom, rank) = BloomLevel.Of(item.Prompt);
        var words = Words().Count(item.Prompt);
        var numbers = Numbers().Count(item.Prompt);
        var score = 1.0
            + rank switch { 1 => 0, 2 => 0.5, 3 => 1, 4 => 1.5, _ => 2 }
            + item.Type switch { ItemType.Essay => 1, ItemType.ShortText => 0.5, ItemType.Numeric => 0.25, _ => 0 }
            + (words > 45 ? 1 : words > 25 ? 0.5 : 0)
            + (numbers >= 3 ? 0.5 : 0)
            - (item.Choices is { Count: > 0 and <= 3 } ? 0.25 : 0);
        return new ItemDifficulty(Math.Clamp((int)Math.Round(score, MidpointRounding.AwayFromZero), Min, Max), bloom);
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();
}

/// <param name="Level">1 easiest … 5 hardest.</param>
/// <param name="Bloom">One of <see cref="BloomLevel.All"/>.</param>
public sealed record ItemDifficulty(int Level, string Bloom);
