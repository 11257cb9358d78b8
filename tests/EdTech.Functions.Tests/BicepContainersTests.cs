using System.Text.RegularExpressions;
using EdTech.Application.Storage;

namespace EdTech.Functions.Tests;

public sealed partial class BicepContainersTests
{
    [Fact]
    public void CosmosModule_DeclaresExactlyTheApplicationsContainers()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoRoot(), "bicep", "modules", "cosmos.bicep"));
        var list = ContainerList().Match(bicep);
        Assert.True(list.Success, "cosmos.bicep has no `var containers = [ ... ]` list");

        var declared = ContainerName().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(Containers.All.Order(StringComparer.Ordinal), declared);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdTech.Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdTech.Serverless.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"var containers = \[(.*?)\n\]", RegexOptions.Singleline)]
    private static partial Regex ContainerList();

    [GeneratedRegex(@"name: '([a-z-]+)'")]
    private static partial Regex ContainerName();
}
