namespace EdTech.Functions.Tests.Bicep;

/// <summary>bicep/main.bicep compiled: only API Management reaches the Function app; nothing is left unused at the edge.</summary>
public sealed class EdgeTests
{
    [Fact]
    public void FunctionApp_AcceptsOnlyTheApiManagementServiceTag()
    {
        var functions = CompiledTemplate.Root(BicepCli.MainTemplateJson(), FunctionAppSettings.Parameters, FunctionAppSettings.Placeholders).Module("functions");
        var site = functions.Resources().Single(r => (string?)r.Resource["type"] == "Microsoft.Web/sites").Resource;
        var config = (IDictionary<string, object?>)functions.Evaluate(site["properties"]!["siteConfig"])!;

        Assert.Equal("Deny", config["ipSecurityRestrictionsDefaultAction"]);
        var rules = ((IList<object?>)config["ipSecurityRestrictions"]!).Cast<IDictionary<string, object?>>().ToList();
        var allow = Assert.Single(rules);
        Assert.Equal(("Allow", "ServiceTag", "ApiManagement"), ((string)allow["action"]!, (string)allow["tag"]!, (string)allow["ipAddress"]!));
    }

    [Fact]
    public void MainBicep_ProvisionsNoKeyVault_NothingReadsOne()
    {
        var main = BicepCli.MainTemplateJson().ToJsonString();

        Assert.DoesNotContain("Microsoft.KeyVault/vaults", main, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(RepoPaths.Root(), "bicep", "modules", "keyvault.bicep")));
    }

    [Fact]
    public void MainBicep_RedisIsAzureManagedRedisWithAccessKeysOff()
    {
        var main = BicepCli.MainTemplateJson().ToJsonString();

        Assert.Contains("Microsoft.Cache/redisEnterprise", main, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Microsoft.Cache/redis\"", main, StringComparison.Ordinal);
        Assert.Contains("\"accessKeysAuthentication\":\"Disabled\"", main, StringComparison.Ordinal);
    }
}
