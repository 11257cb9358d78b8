using System.Text.RegularExpressions;

namespace EdTech.Functions.Tests.Docs;

/// <summary>
/// The documentation a newcomer navigates (docs/README.md): every page listed in the index, every relative link of README.md
/// and docs/ resolving inside the repository, a section named after a link existing there, and no label that only means
/// something to the project's tracker.
/// </summary>
public sealed partial class DocsIndexTests
{
    [Fact]
    public void EveryDocsPage_IsListedInTheIndex()
    {
        var root = RepoPaths.Root();
        var listed = MarkdownLinks.Targets(File.ReadAllText(Path.Combine(root, "docs/README.md")))
            .Where(MarkdownLinks.IsRelative)
            .Select(target => MarkdownLinks.Resolve(root, "docs/README.md", target))
            .ToHashSet(StringComparer.Ordinal);

        var unlisted = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md")
            .Select(path => "docs/" + Path.GetFileName(path))
            .Where(page => page != "docs/README.md" && !listed.Contains(page))
            .Order(StringComparer.Ordinal);

        Assert.Empty(unlisted);
    }

    [Fact]
    public void EveryRelativeLink_ResolvesInsideTheRepository()
    {
        var root = RepoPaths.Root();
        var broken = new List<string>();
        foreach (var page in MarkdownLinks.Pages(root))
        {
            foreach (var target in MarkdownLinks.Targets(File.ReadAllText(Path.Combine(root, page))).Where(MarkdownLinks.IsRelative))
            {
                var path = MarkdownLinks.Resolve(root, page, target);
                if (path.StartsWith("../", StringComparison.Ordinal) || path == "..")
                {
                    broken.Add($"{page}: {target} leaves the repository");
                }
                else if (!File.Exists(Path.Combine(root, path)) && !Directory.Exists(Path.Combine(root, path)))
                {
                    broken.Add($"{page}: {target} ({path} does not exist)");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void SectionReferences_NameASectionOfTheLinkedPage()
    {
        var root = RepoPaths.Root();
        var missing = new List<string>();
        foreach (var page in MarkdownLinks.Pages(root))
        {
            foreach (var (target, title) in MarkdownLinks.SectionReferences(File.ReadAllText(Path.Combine(root, page))))
            {
                var linked = Path.Combine(root, MarkdownLinks.Resolve(root, page, target));
                if (File.Exists(linked) && !MarkdownLinks.SectionTitles(File.ReadAllText(linked)).Any(t => t.StartsWith(title, StringComparison.Ordinal)))
                {
                    missing.Add($"{page}: {target} \"{title}\" (no heading or bold paragraph title starts so)");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Pages_NameCapabilities_NotTrackerLabelsOrFilesOutsideTheRepository()
    {
        var root = RepoPaths.Root();
        var found = MarkdownLinks.Pages(root)
            .SelectMany(page => File.ReadAllLines(Path.Combine(root, page)).Select((line, i) => (page, line, number: i + 1)))
            .Where(l => TrackerLabel().IsMatch(l.line) || OutsideReference().IsMatch(l.line))
            .Select(l => $"{l.page}:{l.number}: {l.line.Trim()}");

        Assert.Empty(found);
    }

    /// <summary>"issue 4", "Issue-17", "issues 10-11": a label from the tracker, meaningless to a reader of the repository.</summary>
    [GeneratedRegex(@"\bissues?[ -]\d", RegexOptions.IgnoreCase)]
    private static partial Regex TrackerLabel();

    /// <summary>The customer's design folder and its API contract file, which are not part of the repository (the project's own shared/EdTech.* projects are).</summary>
    [GeneratedRegex(@"\bAPI\.md\b|\.\./shared\b(?!/EdTech\.)|(?<![\w.])/work/")]
    private static partial Regex OutsideReference();
}
