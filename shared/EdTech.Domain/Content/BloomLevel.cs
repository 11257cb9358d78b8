using System.Text.RegularExpressions;

namespace EdTech.Domain.Content;

/// <summary>
/// The revised Bloom level an item's wording asks for, from its command verbs ("explain", "evaluate", ...).
/// The highest level whose verb appears wins; without a command verb a question is "remember".
/// </summary>
public static partial class BloomLevel
{
    public const string Remember = "remember";
    public const string Understand = "understand";
    public const string Apply = "apply";
    public const string Analyze = "analyze";
    public const string Evaluate = "evaluate";
    public const string Create = "create";

    public static IReadOnlyList<string> All { get; } = [Remember, Understand, Apply, Analyze, Evaluate, Create];

    // Verb lists after the usual published Bloom verb tables, trimmed to verbs that are unambiguous in item stems.
    private static readonly (string Level, string[] Verbs)[] Verbs =
    [
        (Create, ["design", "compose", "write", "plan", "invent", "devise", "construct", "create", "produce"]),
        (Evaluate, ["evaluate", "justify", "judge", "assess", "argue", "critique", "agree", "recommend", "defend"]),
        (Analyze, ["analyse", "analyze", "compare", "contrast", "distinguish", "investigate", "examine", "why", "differentiate"]),
        (Apply, ["calculate", "solve", "work", "find", "convert", "use", "compute", "show", "rewrite", "balance", "complete", "correct", "punctuate", "make"]),
        (Understand, ["explain", "describe", "summarise", "summarize", "classify", "interpret", "illustrate", "identify", "give"]),
    ];

    /// <summary>The level of <paramref name="text"/> and its rank (1 remember … 6 create).</summary>
    public static (string Level, int Rank) Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (level, verbs) in Verbs)
        {
            if (verbs.Any(words.Contains))
            {
                return (level, RankOf(level));
            }
        }

        return (Remember, 1);
    }

    public static int RankOf(string level) => Array.IndexOf([.. All], level) + 1;

    [GeneratedRegex("[a-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
