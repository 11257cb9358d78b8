using System.Text.Json;
using System.Text.RegularExpressions;
using EdTech.Bff.Security.Identity;
using Microsoft.Extensions.Configuration;

namespace EdTech.Functions.Tests;

/// <summary>
/// host.json and the trigger attributes name app settings ("%NAME%"); each must be one the worker checks at
/// start-up, and the committed local.settings.sample.json must be a configuration that starts.
/// </summary>
public sealed partial class HostJsonTests
{
    private static readonly HashSet<string> Required = HostSettings.Required.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    private static JsonElement HostJson() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json"))).RootElement;

    [GeneratedRegex("^%([A-Za-z0-9_]+)%$")]
    private static partial Regex SettingReference();

    private static string ReferencedSetting(string value)
    {
        var match = SettingReference().Match(value);
        Assert.True(match.Success, $"'{value}' is not a %SETTING% reference.");
        return match.Groups[1].Value;
    }

    [Fact]
    public void HostJson_DurableHubAndConnection_ComeFromCheckedSettings()
    {
        var durable = HostJson().GetProperty("extensions").GetProperty("durableTask");

        Assert.Contains(ReferencedSetting(durable.GetProperty("hubName").GetString()!), Required);
        var provider = durable.GetProperty("storageProvider");
        Assert.Equal("azureManaged", provider.GetProperty("type").GetString());
        Assert.Contains(provider.GetProperty("connectionStringName").GetString()!, Required);
    }

    [Fact]
    public void HostJson_ServesUnderApiWithOpenTelemetry()
    {
        var host = HostJson();

        Assert.Equal("api", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("OpenTelemetry", host.GetProperty("telemetryMode").GetString());
    }

    [Fact]
    public void TimerSchedules_AreCheckedSettings()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var schedules = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "timerTrigger")
            .Select(b => ReferencedSetting(b.GetProperty("schedule").GetString()!))
            .ToList();

        Assert.NotEmpty(schedules);
        Assert.All(schedules, s => Assert.Contains(s, Required));
    }

    [Fact]
    public void LocalSettingsSample_PassesEveryStartupCheck()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        Assert.Empty(HostSettings.Problems(configuration));
        Assert.Empty(AuthSettings.From(configuration).Problems(requireIssuer: true));
    }
}
