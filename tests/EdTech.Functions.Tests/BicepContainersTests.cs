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

    /// <summary>
    /// The change-feed lease container is not a record type (so not in Containers.All nor the list): it is
    /// declared on its own, named as the triggers and the pump name it, keyed /id as the Cosmos DB extension requires.
    /// </summary>
    [Fact]
    public void CosmosModule_DeclaresTheLeaseContainerKeyedById()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoPaths.Root(), "bicep", "modules", "cosmos.bicep"));
        var list = ContainerList().Match(bicep).Groups[1].Value;
        var lease = LeaseContainer().Match(bicep);

        Assert.True(lease.Success, $"cosmos.bicep declares no container resource named '{EdTech.Infrastructure.Cosmos.CosmosStoreOptions.LeaseContainer}' with partition key /id");
        Assert.Equal(EdTech.Infrastructure.Cosmos.CosmosStoreOptions.LeaseContainer, lease.Groups[1].Value);
        Assert.DoesNotContain($"'{lease.Groups[1].Value}'", list, StringComparison.Ordinal);
        Assert.DoesNotContain(lease.Groups[1].Value, Containers.All);
    }

    [GeneratedRegex(@"containers@[^']+' = \{\s*parent: database\s*name: '([a-z-]+)'\s*properties: \{\s*resource: \{\s*id: '\1'\s*partitionKey: \{\s*paths: \['/id'\]", RegexOptions.Singleline)]
    private static partial Regex LeaseContainer();

    [GeneratedRegex(@"var containers = \[(.*?)\n\]", RegexOptions.Singleline)]
    private static partial Regex ContainerList();

    [GeneratedRegex(@"name: '([a-z-]+)'")]
    private static partial Regex ContainerName();
}
