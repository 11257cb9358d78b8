using EdTech.Bff.Composition;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Tests.Learning;

public sealed class LearningSettingsTests
{
    [Fact]
    public void From_TenantTargetOverridesTheDefault_OutOfRangeValuesAreIgnored()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Learning:TargetSuccess"] = "0.65",
            ["Learning:Tenants:north:TargetSuccess"] = "0.8",
            ["Learning:Tenants:south:TargetSuccess"] = "1.5",
        }).Build();

        var options = LearningSettings.From(configuration);

        Assert.Equal(0.8, options.TargetFor(new TenantId("north")));
        Assert.Equal(0.65, options.TargetFor(new TenantId("south")));
        Assert.Equal(0.65, options.TargetFor(new TenantId("east")));
        Assert.Equal(0.8, options.PlannerFor(new TenantId("north")).TargetSuccess);
    }

    [Fact]
    public void From_NothingConfigured_TargetIs07()
    {
        Assert.Equal(0.7, LearningSettings.From(new ConfigurationBuilder().Build()).TargetFor(new TenantId("north")));
    }
}
