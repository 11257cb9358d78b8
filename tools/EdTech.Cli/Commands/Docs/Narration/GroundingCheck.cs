using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Docs.Narration;

/// <summary>
/// Whether a draft cites only what its diagram shows. A cited name is any `backticked` span, and any token shaped like
/// an identifier: PascalCase or camelCase (a lower-case letter followed by a capital), kebab-case, snake_case, dotted
/// (<c>EdTech.Bff</c>) or a path (<c>/api/student/...</c>). Each must occur (case-insensitively) inside one of the
/// diagram's labels; anything else is a violation. Plain words are not checked: the summary may say what the diagram
/// means, but names a reader could look up must be the diagram's.
/// </summary>
public static partial class GroundingCheck
{
    /// <summary>The names a draft cites, distinct, in order of appearance.</summary>
    public static IReadOnlyList<string> CitedNames(string draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var names = new List<string>();
        names.AddRange(Backticked().Matches(draft).Select(m => m.Groups[1].Value.Trim()));
        var prose = Backticked().Replace(draft, " ");
        names.AddRange(IdentifierShaped().Matches(prose).Select(m => m.Value.TrimEnd('.', ',', ';', ':', ')')));
        return [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The cited names that occur in none of the labels (empty: the draft is grounded).</summary>
    public static IReadOnlyList<string> Violations(string draft, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return [.. CitedNames(draft).Where(name => !labels.Any(label => label.Contains(name, StringComparison.OrdinalIgnoreCase)))];
    }

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Backticked();

    // A path; a dotted name (segments of 2+ characters, so "e.g." is prose); kebab-case; snake_case; a word with a
    // lower-case-to-capital hump (PascalCase, camelCase).
    [GeneratedRegex(@"(?<![\w/])/[A-Za-z0-9{}_\-\./]+|\b[A-Za-z][A-Za-z0-9]+(?:\.[A-Za-z][A-Za-z0-9]+)+\b|\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b|\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b|\b[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*\b")]
    private static partial Regex IdentifierShaped();
}
