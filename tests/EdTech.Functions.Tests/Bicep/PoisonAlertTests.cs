using EdTech.Application.ChangeFeed;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>A poisoned change raises an alert: the compiled template's log alert matches what ChangeFeedDelivery logs.</summary>
public sealed class PoisonAlertTests
{
    [Fact]
    public void MonitoringModule_HasALogAlertOnThePoisonEvent()
    {
        var template = BicepCli.MainTemplateJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("Microsoft.Insights/scheduledQueryRules", template, StringComparison.Ordinal);
        Assert.Contains($"customDimensions.EventName == \\\"{ChangeFeedDelivery.PoisonEvent.Name}\\\"", template, StringComparison.Ordinal);
    }
}
