using System.Text;
using System.Text.RegularExpressions;

namespace EdTech.Domain.Assessments;

/// <summary>
/// How a short-text answer or a blank is compared with its accepted answers: whitespace normalized on both sides, then
/// compared ordinally (ignoring case unless case-sensitive); or the normalized answer matched whole by the pattern.
/// Patterns run on .NET's non-backtracking engine (time linear in the answer: no catastrophic backtracking), only on answers of
/// at most <see cref="MaxPatternInput"/> characters, with a match timeout as a last guard; a pattern that engine cannot run, or
/// that is slow on probe answers of that length, is refused on create (<see cref="PatternError"/>).
/// </summary>
public static class TextRules
{
    /// <summary>Ends trimmed (the default, and the rule before options existed).</summary>
    public const string Trim = "trim";

    /// <summary>Ends trimmed, every inner run of whitespace one space.</summary>
    public const string Collapse = "collapse";

    /// <summary>All whitespace removed.</summary>
    public const string Ignore = "ignore";

    /// <summary>Compared as typed.</summary>
    public const string Exact = "exact";

    public const int MaxPatternLength = 500;

    /// <summary>A pattern is tried only on normalized answers up to this length (longer: no match), which bounds a match's work deterministically.</summary>
    public const int MaxPatternInput = 500;

    /// <summary>On create, a pattern must match each probe (<see cref="MaxPatternInput"/> characters) within this, a twentieth of the match timeout.</summary>
    public static readonly TimeSpan ProbeBudget = TimeSpan.FromMilliseconds(50);

    /// <summary>A second guard only: the linear engine bounds a match by answer length × pattern size (≤ 500 × 500), far below this.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<string> WhitespaceModes { get; } = [Trim, Collapse, Ignore, Exact];

    public static bool Matches(string answer, IEnumerable<string> accepted, bool caseSensitive, string? whitespace, string? pattern)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(accepted);
        var mode = whitespace ?? Trim;
        var normalized = Normalize(answer, mode);
        var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return accepted.Any(a => string.Equals(normalized, Normalize(a, mode), comparison))
            || (pattern is not null && normalized.Length <= MaxPatternInput && PatternMatches(normalized, pattern, caseSensitive));
    }

    public static string Normalize(string text, string whitespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        return whitespace switch
        {
            Exact => text,
            Ignore => string.Concat(text.Where(c => !char.IsWhiteSpace(c))),
            Collapse => CollapseRuns(text.Trim()),
            _ => text.Trim(),
        };
    }

    /// <returns>Why the pattern cannot be used, or null.</returns>
    public static string? PatternError(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length is 0 or > MaxPatternLength)
        {
            return $"A regular expression of 1 to {MaxPatternLength} characters.";
        }

        try
        {
            // Parsed alone first: a pattern such as "a)|(b" would otherwise escape the anchoring group.
            _ = new Regex(pattern, Options(caseSensitive: true), MatchTimeout);
            _ = new Regex(Anchored(pattern), Options(caseSensitive: true), MatchTimeout);
            var probed = new Regex(Anchored(pattern), Options(caseSensitive: false), ProbeBudget);
            return Probes.All(p => Completes(probed, p)) ? null
                : $"Too expensive to grade: matching it against {MaxPatternInput} characters takes over {ProbeBudget.TotalMilliseconds} ms (large counted repetitions such as {{500}} cost the most).";
        }
        catch (ArgumentException)
        {
            return "Not a valid .NET regular expression.";
        }
        catch (NotSupportedException)
        {
            return "Not supported by the non-backtracking engine (no backreferences, lookarounds, atomic groups or conditionals), or too large.";
        }
    }

    /// <summary>Worst-case-like answers of the longest length a pattern is tried on: one repeated letter, alternating letters, mixed text.</summary>
    private static readonly string[] Probes =
    [
        new string('a', MaxPatternInput),
        string.Concat(Enumerable.Repeat("ab", MaxPatternInput / 2)),
        string.Concat(Enumerable.Range(0, MaxPatternInput).Select(i => "the quick brown fox 0123456789 JUMPS, over-the lazy dog."[(i * 7) % 56])),
    ];

    private static bool Completes(Regex regex, string probe)
    {
        try
        {
            _ = regex.IsMatch(probe);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool PatternMatches(string answer, string pattern, bool caseSensitive)
    {
        try
        {
            // The static IsMatch keeps recently used patterns compiled in Regex's own cache.
            return Regex.IsMatch(answer, Anchored(pattern), Options(caseSensitive), MatchTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Only a pattern stored before validation existed: it matches nothing.
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private static string Anchored(string pattern) => $"\\A(?:{pattern})\\z";

    private static RegexOptions Options(bool caseSensitive) =>
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);

    private static string CollapseRuns(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space)
            {
                builder.Append(c);
            }
            else if (!inRun)
            {
                builder.Append(' ');
            }

            inRun = space;
        }

        return builder.ToString();
    }
}
