using EdTech.Bff.Apis;
using EdTech.Orchestrations;
using Microsoft.Azure.Functions.Worker;

namespace EdTech.Functions.Tests;

public sealed class FunctionCatalogTests
{
    [Fact]
    public void FunctionNames_AreUnique()
    {
        var duplicates = FunctionMethod.All.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryOrchestratorAndActivity_HasAFunctionWrapper()
    {
        var orchestratorFunctions = FunctionMethod.All.Where(f => f.Trigger is OrchestrationTriggerAttribute).Select(f => f.Name).Order(StringComparer.Ordinal);
        var activityFunctions = FunctionMethod.All.Where(f => f.Trigger is ActivityTriggerAttribute).Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(OrchestrationCatalog.Orchestrators.Select(t => t.Name).Order(StringComparer.Ordinal), orchestratorFunctions);
        Assert.Equal(OrchestrationCatalog.Activities.Select(t => t.Name).Order(StringComparer.Ordinal), activityFunctions);
    }

    [Fact]
    public void EveryRoleGroup_HasAnHttpFunction()
    {
        Assert.NotEmpty(EdTechApi.RoleGroups);
        foreach (var group in EdTechApi.RoleGroups.Keys)
        {
            var function = Assert.Single(FunctionMethod.All, f => f.Name == group);
            var trigger = Assert.IsType<HttpTriggerAttribute>(function.Trigger);

            Assert.Equal($"{group}/{{*path}}", trigger.Route);
            Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
            var methods = (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList();
            Assert.Contains("GET", methods);
            Assert.Contains("POST", methods);
        }
    }

    [Fact]
    public void HealthAndOpenApi_HaveAnonymousGetFunctions()
    {
        foreach (var (name, route) in new[] { ("health", "health"), ("ready", "health/ready"), ("openapi", "openapi/{document}") })
        {
            var trigger = Assert.IsType<HttpTriggerAttribute>(Assert.Single(FunctionMethod.All, f => f.Name == name).Trigger);

            Assert.Equal(route, trigger.Route);
            Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
            Assert.Contains("get", trigger.Methods ?? [], StringComparer.OrdinalIgnoreCase);
        }
    }
}
