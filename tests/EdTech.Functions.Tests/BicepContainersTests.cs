using System.Text.RegularExpressions;
using EdTech.Application.Storage;

namespace EdTech.Functions.Tests;

public sealed partial class BicepContainersTests
{
    [Fact]
    public void CosmosModule_DeclaresExactlyTheApplicationsContainers()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoPaths.Root(), "bicep", "modules", "cosmos.bicep"));
        var list = ContainerList().Match(bicep);
        Assert.True(list.Success, "cosmos.bicep has no `var containers = [ ... ]` list");

        var declared = ContainerName().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(Containers.All.Order(StringComparer.Ordinal), declared);
    }

    [GeneratedRegex(@"var containers = \[(.*?)\n\]", RegexOptions.Singleline)]
    private static partial Regex ContainerList();

    [GeneratedRegex(@"name: '([a-z-]+)'")]
    private static partial Regex ContainerName();
}
