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

    /// <summary>The gateway's own 401, 429 (per-minute limit) and daily quota (APIM's 403) reach the caller as 401/429 problem+json.</summary>
    [Fact]
    public void ApimGlobalPolicy_AnswersItsRefusalsAsProblemJson_QuotaAs429()
    {
        var apim = CompiledTemplate.Root(BicepCli.MainTemplateJson(), FunctionAppSettings.Parameters, FunctionAppSettings.Placeholders).Module("apim");
        var policy = apim.Resources().Single(r => (string?)r.Resource["type"] == "Microsoft.ApiManagement/service/policies").Resource;
        var xml = System.Xml.Linq.XDocument.Parse((string)((IDictionary<string, object?>)apim.Evaluate(policy["properties"])!)["value"]!);

        var whens = xml.Root!.Element("on-error")!.Element("choose")!.Elements("when").ToList();
        var answers = whens.Select(w =>
        {
            var response = w.Element("return-response")!;
            var body = System.Text.Json.JsonDocument.Parse(response.Element("set-body")!.Value).RootElement;
            Assert.Equal("application/problem+json", response.Elements("set-header").Single(h => (string?)h.Attribute("name") == "Content-Type").Element("value")!.Value);
            Assert.Equal((int)response.Element("set-status")!.Attribute("code")!, body.GetProperty("status").GetInt32());
            Assert.StartsWith("https://edtech-serverless.dev/problems/", body.GetProperty("type").GetString(), StringComparison.Ordinal);
            return (Condition: (string)w.Attribute("condition")!, Status: body.GetProperty("status").GetInt32(), RetryAfter: response.Elements("set-header").Any(h => (string?)h.Attribute("name") == "Retry-After"));
        }).ToList();

        Assert.Contains(answers, a => a.Condition.Contains("QuotaExceeded", StringComparison.Ordinal) && a.Status == 429 && a.RetryAfter);
        Assert.Contains(answers, a => a.Condition.Contains("RateLimitExceeded", StringComparison.Ordinal) && a.Status == 429 && a.RetryAfter);
        Assert.Contains(answers, a => a.Condition.Contains("validate-jwt", StringComparison.Ordinal) && a.Status == 401);
        Assert.DoesNotContain(answers, a => a.Status == 403);
    }

    [Fact]
    public void ApimPolicies_PreflightAnsweredAtTheEdge_AndEveryProductRunsTheGlobalOnError()
    {
        var apim = CompiledTemplate.Root(BicepCli.MainTemplateJson(), FunctionAppSettings.Parameters, FunctionAppSettings.Placeholders).Module("apim");
        var policy = apim.Resources().Single(r => (string?)r.Resource["type"] == "Microsoft.ApiManagement/service/policies").Resource;
        var xml = System.Xml.Linq.XDocument.Parse((string)((IDictionary<string, object?>)apim.Evaluate(policy["properties"])!)["value"]!);
        var products = apim.Resources().Single(r => (string?)r.Resource["type"] == "Microsoft.ApiManagement/service/products/policies").Resource["properties"]!["value"]!.GetValue<string>();

        var cors = xml.Root!.Element("inbound")!.Element("cors")!;
        Assert.Equal(["https://app.school.example", "https://admin.school.example"], cors.Element("allowed-origins")!.Elements("origin").Select(o => o.Value));
        Assert.Contains("Authorization", cors.Element("allowed-headers")!.Elements("header").Select(h => h.Value));
        Assert.Contains("<on-error><base /></on-error>", products, StringComparison.Ordinal);
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
