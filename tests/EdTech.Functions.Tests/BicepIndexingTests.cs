using System.Text.RegularExpressions;
using EdTech.Application.Storage;

namespace EdTech.Functions.Tests;

/// <summary>
/// cosmos.bicep indexes exactly what the store adapters query: per container, the key paths plus
/// <c>/doc/&lt;field&gt;/?</c> for each field <see cref="QueriedFields"/> lists (the list both adapters enforce).
/// </summary>
public sealed partial class BicepIndexingTests
{
    private static readonly string[] KeyPaths = ["/tenantId/?", "/partitionKey/?"];

    [Fact]
    public void CosmosModule_IncludesExactlyTheKeyPathsAndEachQueriedFieldUnderDoc()
    {
        var bicep = Bicep();
        Assert.Contains("includedPaths: concat([{ path: '/tenantId/?' }, { path: '/partitionKey/?' }], map(c.?fields ?? [], f => { path: '/doc/${f}/?' }))", bicep, StringComparison.Ordinal);
        Assert.Contains("excludedPaths: [{ path: '/*' }", bicep, StringComparison.Ordinal);

        var problems = new List<string>();
        foreach (var (container, fields) in DeclaredFields(bicep))
        {
            var included = KeyPaths.Concat(fields.Select(f => $"/doc/{f}/?")).ToHashSet(StringComparer.Ordinal);
            var expected = KeyPaths.Concat(QueriedFields.Of(container).Select(f => $"/doc/{f}/?")).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(expected.Except(included).Select(p => $"{container}: missing {p}"));
            problems.AddRange(included.Except(expected).Select(p => $"{container}: extra {p}"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void QueriedFields_NameOnlyContainersTheModuleDeclares()
    {
        var declared = DeclaredFields(Bicep()).Select(d => d.Container).ToHashSet(StringComparer.Ordinal);

        var undeclared = QueriedFields.ByContainer.Keys.Except(declared, StringComparer.Ordinal).ToList();
        Assert.Empty(undeclared);
    }

    private static string Bicep() => File.ReadAllText(Path.Combine(RepoPaths.Root(), "bicep", "modules", "cosmos.bicep"));

    private static List<(string Container, string[] Fields)> DeclaredFields(string bicep)
    {
        var entries = ContainerEntry().Matches(bicep).Select(m => (
            m.Groups["name"].Value,
            Quoted().Matches(m.Groups["fields"].Value).Select(q => q.Groups[1].Value).ToArray())).ToList();
        Assert.NotEmpty(entries);
        return entries;
    }

    [GeneratedRegex(@"\{ name: '(?<name>[a-z-]+)', fields: \[(?<fields>(?:'[^']*'|[^\]'])*)\]")]
    private static partial Regex ContainerEntry();

    // A field name, or an array field's elements as name/[] (index path /doc/name/[]/?).
    [GeneratedRegex(@"'([A-Za-z0-9]+(?:/\[\])?)'")]
    private static partial Regex Quoted();
}
