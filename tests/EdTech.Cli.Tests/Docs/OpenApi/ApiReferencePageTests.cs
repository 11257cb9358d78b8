using System.Text.RegularExpressions;
using EdTech.Cli.Commands.Docs.OpenApi;
using EdTech.Cli.Tests.Commands.Telemetry;

namespace EdTech.Cli.Tests.Docs.OpenApi;

/// <summary>
/// docs/api/README.md cites code and tests for each statement: every cited file, test class and test method must exist
/// (a rename that leaves the page pointing at nothing fails here), and it links every role document.
/// </summary>
public sealed partial class ApiReferencePageTests
{
    private static readonly string Root = Repo.Root();

    private static readonly string Page = File.ReadAllText(Path.Combine(Root, "docs", "api", "README.md"));

    private static readonly Lazy<IReadOnlyList<string>> TestSources = new(() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))]);

    [Fact]
    public void Page_CitedFilesExist()
    {
        var cited = Backticked().Matches(Page).Select(m => m.Groups[1].Value)
            .Where(v => v.EndsWith(".cs", StringComparison.Ordinal) || v.EndsWith(".md", StringComparison.Ordinal) || v.EndsWith(".bicep", StringComparison.Ordinal))
            .Select(v => v.Split(' ')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var missing = cited.Where(path => !Exists(path)).ToList();

        Assert.NotEmpty(cited);
        Assert.Empty(missing);
    }

    [Fact]
    public void Page_CitedTestMethodsExist()
    {
        var cited = Backticked().Matches(Page).Select(m => m.Groups[1].Value)
            .Select(v => TestMethod().Match(v))
            .Where(m => m.Success)
            .Select(m => (Class: m.Groups["class"].Value, Method: m.Groups["method"].Value))
            .Distinct()
            .ToList();
        var missing = cited.Where(c => !TestSources.Value.Any(f =>
                Path.GetFileNameWithoutExtension(f) == c.Class && File.ReadAllText(f).Contains($" {c.Method}(", StringComparison.Ordinal)))
            .Select(c => $"{c.Class}.{c.Method}")
            .ToList();

        Assert.True(cited.Count >= 20, $"only {cited.Count} test citations recognised");
        Assert.Empty(missing);
    }

    [Fact]
    public void Page_LinksEveryRoleDocument()
    {
        Assert.All(OpenApiDocGenerator.Roles, role => Assert.Contains($"]({role}.json)", Page, StringComparison.Ordinal));
        Assert.Contains("dotnet run --project tools/EdTech.Cli -- docs generate", Page, StringComparison.Ordinal);
    }

    /// <summary>A repository path, or a test path relative to tests/EdTech.Bff.Tests (the page's stated default), or a bare file name found under tests/ or the sources.</summary>
    private static bool Exists(string path)
    {
        if (File.Exists(Path.Combine(Root, path)) || File.Exists(Path.Combine(Root, "tests", "EdTech.Bff.Tests", path)))
        {
            return true;
        }

        var name = Path.GetFileName(path);
        return !path.Contains('/', StringComparison.Ordinal)
            && new[] { "functions", "shared", "tests", "tools" }.Any(d => Directory.EnumerateFiles(Path.Combine(Root, d), name, SearchOption.AllDirectories).Any());
    }

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Backticked();

    // (Folder/)Class.Method where the class ends in Tests: AccessTests.Token_Expired_Is401, Lists/CallerListsRouteTests.Paging_...
    [GeneratedRegex(@"^(?:[A-Za-z]+/)*(?<class>[A-Za-z]+Tests)\.(?<method>[A-Za-z0-9]+_[A-Za-z0-9_]+)$")]
    private static partial Regex TestMethod();
}
