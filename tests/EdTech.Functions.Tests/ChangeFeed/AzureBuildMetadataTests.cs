#if COSMOS_TRIGGERS
using System.Text.Json;
using EdTech.Application.ChangeFeed;

namespace EdTech.Functions.Tests.ChangeFeed;

/// <summary>
/// Compiled only in the Azure build (GitHub Actions, ci.yml azure-build: -p:EdTechAzureBuild=true), where the Cosmos DB
/// triggers are real functions: the functions.metadata the Worker SDK generated lists exactly the catalog's triggers.
/// </summary>
public sealed class AzureBuildMetadataTests
{
    [Fact]
    public void FunctionsMetadata_ListsOneCosmosTriggerPerCatalogHandlerAndContainer()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var triggers = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (Function: f, Binding: b)))
            .Where(x => string.Equals(x.Binding.GetProperty("type").GetString(), "cosmosDBTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(x => (
                Function: x.Function.GetProperty("name").GetString()!,
                Container: Property(x.Binding, "containerName"),
                Prefix: Property(x.Binding, "leaseContainerPrefix"),
                Durable: x.Function.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient")))
            .ToList();
        var expected = ChangeFeedCatalog.All.SelectMany(c => c.Containers.Select(container => (Container: container, Prefix: c.LeasePrefix(container), c.StartsDurableWork)));

        Assert.Equal(
            expected.Select(e => $"{e.Container}|{e.Prefix}|{e.StartsDurableWork}").Order(StringComparer.Ordinal),
            triggers.Select(t => $"{t.Container}|{t.Prefix}|{t.Durable}").Order(StringComparer.Ordinal));
    }

    private static string? Property(JsonElement binding, string name) =>
        binding.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;
}
#endif
