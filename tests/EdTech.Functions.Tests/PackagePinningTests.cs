using System.Text.Json;
using System.Xml.Linq;

namespace EdTech.Functions.Tests;

/// <summary>
/// The repository, not the package source, decides every package version (docs/packages.md):
/// transitive pinning is on, every project has a committed lock file, and the lock files agree.
/// </summary>
public sealed class PackagePinningTests
{
    [Fact]
    public void CentralVersions_PinTransitivePackagesToo()
    {
        var props = XDocument.Load(Path.Combine(RepoPaths.Root(), "Directory.Packages.props"));

        var pinning = props.Descendants("CentralPackageTransitivePinningEnabled").Single().Value;

        Assert.Equal("true", pinning.Trim(), ignoreCase: true);
    }

    [Fact]
    public void EveryProject_HasALockFile()
    {
        var root = RepoPaths.Root();
        var missing = ProjectFolders(root).Where(dir => !File.Exists(Path.Combine(dir, "packages.lock.json")));

        Assert.Empty(missing.Select(dir => Path.GetRelativePath(root, dir)));
    }

    [Fact]
    public void LockFiles_ResolveOneVersionPerPackage()
    {
        var root = RepoPaths.Root();
        var versions = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in ProjectFolders(root))
        {
            foreach (var (name, version) in LockedPackages(Path.Combine(dir, "packages.lock.json")))
            {
                (versions.TryGetValue(name, out var set) ? set : versions[name] = new SortedSet<string>(StringComparer.Ordinal)).Add(version);
            }
        }

        var split = versions.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}: {string.Join(", ", p.Value)}");

        Assert.NotEmpty(versions);
        Assert.Empty(split);
    }

    [Fact]
    public void LockFiles_ResolveEveryCentralVersionExactly()
    {
        var root = RepoPaths.Root();
        var central = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

        var drifted = ProjectFolders(root)
            .SelectMany(dir => LockedPackages(Path.Combine(dir, "packages.lock.json")))
            .Where(p => central.TryGetValue(p.Name, out var pinned) && pinned != p.Version)
            .Select(p => $"{p.Name}: locked {p.Version}, pinned {central[p.Name]}")
            .Distinct();

        Assert.Empty(drifted);
    }

    [Fact]
    public void BuildProps_SuppressNoNuGetWarning()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root(), "Directory.Build.props"));
        var suppressions = XDocument.Parse(props).Descendants()
            .Where(e => e.Name.LocalName is "NoWarn" or "WarningsNotAsErrors")
            .SelectMany(e => e.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(code => code.StartsWith("NU", StringComparison.OrdinalIgnoreCase));

        Assert.Empty(suppressions);
    }

    private static IEnumerable<string> ProjectFolders(string root) =>
        Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.ci{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetDirectoryName(path)!)
            .Order(StringComparer.Ordinal);

    private static IEnumerable<(string Name, string Version)> LockedPackages(string lockFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(lockFile));
        foreach (var framework in doc.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            foreach (var package in framework.Value.EnumerateObject())
            {
                if (package.Value.GetProperty("type").GetString() != "Project")
                {
                    yield return (package.Name, package.Value.GetProperty("resolved").GetString()!);
                }
            }
        }
    }
}
