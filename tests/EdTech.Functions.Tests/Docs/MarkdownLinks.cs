using System.Text.RegularExpressions;

namespace EdTech.Functions.Tests.Docs;

/// <summary>The repository's Markdown pages and the links they hold, outside fenced code blocks.</summary>
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

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string WithoutCode(string markdown) => InlineCode().Replace(Fence().Replace(markdown, string.Empty), string.Empty);

    [GeneratedRegex(@"\[(?:[^\]\[]|\[[^\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
