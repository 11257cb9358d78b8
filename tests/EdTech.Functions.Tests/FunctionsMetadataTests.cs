using System.Text.Json;

namespace EdTech.Functions.Tests;

/// <summary>
/// The Worker SDK's source generator writes functions.metadata next to EdTech.Functions.dll and the
/// project reference copies it into this test's output, so the file checked is the one this build made.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string MetadataPath = Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    [Fact]
    public void Build_ProducesFunctionsMetadata_ListingEveryFunction()
    {
        Assert.True(File.Exists(MetadataPath), $"{MetadataPath} is missing; the Worker SDK did not generate it.");
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath));
        var listed = document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, StringComparer.Ordinal);

        Assert.NotEmpty(FunctionMethod.All);
        Assert.Equal(FunctionMethod.All.Select(f => f.Name).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var function in FunctionMethod.All)
        {
            var entry = listed[function.Name];
            Assert.Equal("EdTech.Functions.dll", entry.GetProperty("scriptFile").GetString());
            Assert.Equal(function.EntryPoint, entry.GetProperty("entryPoint").GetString());
            var triggers = entry.GetProperty("bindings").EnumerateArray()
                .Select(b => b.GetProperty("type").GetString()!)
                .Where(t => t.EndsWith("Trigger", StringComparison.Ordinal))
                .ToList();
            Assert.Equal([function.TriggerBindingType], triggers);
        }
    }

    [Fact]
    public void FunctionsMetadata_HttpTriggersCarryRouteAndAnonymousAuth()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath));
        var httpBindings = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (Name: f.GetProperty("name").GetString()!, Binding: b)))
            .Where(x => x.Binding.GetProperty("type").GetString() == "httpTrigger")
            .ToList();

        Assert.NotEmpty(httpBindings);
        foreach (var (name, binding) in httpBindings)
        {
            Assert.Equal("Anonymous", binding.GetProperty("authLevel").GetString(), ignoreCase: true);
            // The route names its function: "student/{*path}", "openapi/{document}", "health", "health/ready".
            Assert.Contains(name, binding.GetProperty("route").GetString()!.Split('/'));
        }
    }

    [Fact]
    public void FunctionsMetadata_RoleHttpFunctionsAndTimers_CarryADurableClientBinding()
    {
        // The isolated worker's only DurableTaskClient is this binding's value; the functions bind it for the shared workflows.
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath));
        var bindingsByFunction = document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!).ToList(),
            StringComparer.Ordinal);
        var needClient = EdTech.Bff.Apis.EdTechApi.RoleGroups.Keys
            .Concat(FunctionMethod.All.Where(f => f.TriggerBindingType == "timerTrigger").Select(f => f.Name))
            .ToList();

        Assert.Contains("teacher", needClient);
        Assert.Contains("ReleaseDueResults", needClient);
        Assert.All(needClient, name => Assert.Contains("durableClient", bindingsByFunction[name]));
    }
}
