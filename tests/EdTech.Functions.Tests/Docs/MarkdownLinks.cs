using System.Text.RegularExpressions;

namespace EdTech.Functions.Tests.Docs;

/// <summary>The repository's Markdown pages, the links they hold and the sections they name, outside fenced code blocks.</summary>
internal static partial class MarkdownLinks
{
    /// <summary>README.md and every page under docs/, as repository-relative paths with '/' separators.</summary>
    public static IReadOnlyList<string> Pages(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Relative(root, path))
            .Append("README.md")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The targets of the page's inline links (<c>[text](target)</c>), in order; code blocks and inline code skipped.</summary>
    public static IReadOnlyList<string> Targets(string markdown) =>
        Link().Matches(WithoutCode(markdown)).Select(m => m.Groups["target"].Value).ToList();

    /// <summary>A target that names a file of this repository (not a web address, not an anchor in the same page).</summary>
    public static bool IsRelative(string target) =>
        !target.StartsWith('#') && !Scheme().IsMatch(target);

    /// <summary>The repository-relative path a relative target of <paramref name="page"/> points at, anchor and query removed.</summary>
    public static string Resolve(string root, string page, string target)
    {
        var path = target.Split('#', '?')[0];
        var full = Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(page) ?? string.Empty, Uri.UnescapeDataString(path)));
        return Relative(root, full);
    }

    /// <summary>
    /// The sections a page names right after a link, the repository's way of pointing into another page:
    /// <c>[docs/azure.md](azure.md) "The artifact that ships"</c> gives (azure.md, the title, normalized).
    /// </summary>
    public static IReadOnlyList<(string Target, string Title)> SectionReferences(string markdown) =>
        SectionReference().Matches(Fence().Replace(markdown, string.Empty))
            .Select(m => (m.Groups["target"].Value, Normalized(m.Groups["title"].Value)))
            .ToList();

    /// <summary>The page's section titles, normalized: its headings and its bold run-in titles (<c>**Submit racing unpublish.**</c>).</summary>
    public static IReadOnlyList<string> SectionTitles(string markdown)
    {
        var text = Fence().Replace(markdown, string.Empty);
        return Heading().Matches(text).Concat(RunInTitle().Matches(text)).Select(m => Normalized(m.Groups["title"].Value)).ToList();
    }

    private static string Normalized(string title) =>
        Whitespace().Replace(title.Replace("`", string.Empty, StringComparison.Ordinal).Replace("*", string.Empty, StringComparison.Ordinal), " ")
            .Trim()
            .ToLowerInvariant();

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string WithoutCode(string markdown) => InlineCode().Replace(Fence().Replace(markdown, string.Empty), string.Empty);

    [GeneratedRegex(@"\[(?:[^\]\[]|\[[^\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)#\s]+\.md)\),? ?""(?<title>[^""]+)""")]
    private static partial Regex SectionReference();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.*)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:- )?\*\*(?<title>[^*]+)\*\*", RegexOptions.Multiline)]
    private static partial Regex RunInTitle();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
