namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// bicep/main.bicep compiled by the Bicep CLI; the Function app's app settings fed into the app's own
/// composition: the app would run on Cosmos DB (managed identity), the Durable Task Scheduler, Azure Managed
/// Redis (Entra ID), Azure OpenAI and Service Bus, with no setting nobody reads and none missing. Each planted
/// mismatch below is one way the two could drift apart, and the check must name it.
/// </summary>
public sealed class AppSettingsTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Bicep = new(FunctionAppSettings.FromMainBicep);

    [Fact]
    public void MainBicep_FunctionAppSettings_ComposeTheAzureAppWithNothingMissingOrUnread()
    {
        var problems = AppSettingsCheck.Problems(Bicep.Value);

        Assert.True(problems.Count == 0, "The Function app's settings from bicep/main.bicep do not match the app:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void MainBicep_FunctionAppSettings_AreWhatTheAppReads()
    {
        var settings = Bicep.Value;

        Assert.Equal("cosmos", settings["Store__Provider"]);
        Assert.Equal(FunctionAppSettings.Placeholders["cosmos.endpoint"], settings["Store__Cosmos__Endpoint"]);
        Assert.Equal(settings["Store__Cosmos__Endpoint"], settings["CosmosTrigger__accountEndpoint"]);
        Assert.Equal("managedidentity", settings["CosmosTrigger__credential"]);
        Assert.Equal("10000", settings["Redis__Port"]);
        Assert.Equal("integration-events", settings["ServiceBus__Topic"]);
        Assert.Equal("https://app.school.example", settings["Cors__AllowedOrigins__0"]);
        Assert.Equal("https://admin.school.example", settings["Cors__AllowedOrigins__1"]);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Cosmos__", StringComparison.Ordinal) || k.StartsWith("KeyVault__", StringComparison.Ordinal));
    }

    public static TheoryData<string, string?, string> Mismatches => new()
    {
        // setting, planted value (null = removed), a phrase the problem must contain
        { "Store__Provider", null, "Store__Provider must be 'cosmos'" },
        { "Store__Provider", "sqlite", "Store__Provider must be 'cosmos'" },
        { "Store__Cosmos__Endpoint", null, "Store:Cosmos:Endpoint" },
        { "Store__Cosmos__Key", "c2VjcmV0", "Store:Cosmos:Key" },
        { "Data", "/home/data", "App setting Data must not be set" },
        { "Cosmos__Endpoint", "https://cosmos-example.documents.azure.com:443/", "App setting Cosmos__Endpoint is set by Bicep but nothing reads it" },
        { "KeyVault__Uri", "https://kv-example.vault.azure.net/", "App setting KeyVault__Uri is set by Bicep but nothing reads it" },
        { "Redis__HostName", null, "the cache runs in memory only" },
        { "Redis__Port", "6380", "port 10000" },
        { "Redis__ClientId", "00000000-0000-0000-0000-0000000000ff", "Redis__ClientId" },
        { "OpenAI__Endpoint", null, "GenAI is off" },
        { "ServiceBus__Topic", null, "App setting ServiceBus__Topic is missing" },
        { "ServiceBus__FullyQualifiedNamespace", "sb-example", "not a Service Bus host name" },
        { "CosmosTrigger__credential", null, "App setting CosmosTrigger__credential is missing" },
        { "CosmosTrigger__accountEndpoint", "https://other.documents.azure.com:443/", "is not the store's account" },
        { "DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "Endpoint=https://dts-example.westeurope.durabletask.io;Authentication=None", "Authentication=ManagedIdentity" },
        { "AZURE_CLIENT_ID", null, "App setting AZURE_CLIENT_ID is missing" },
        { "TASKHUB_NAME", null, "App setting TASKHUB_NAME is missing" },
        { "EXTRA_SCHEDULE", "0 0 * * * *", "names no timer" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void PlantedMismatch_IsNamed(string setting, string? value, string expected)
    {
        var settings = new Dictionary<string, string>(Bicep.Value, StringComparer.Ordinal);
        if (value is null)
        {
            Assert.True(settings.Remove(setting), $"{setting} is not in the Bicep settings, so removing it plants nothing");
        }
        else
        {
            settings[setting] = value;
        }

        var problems = AppSettingsCheck.Problems(settings);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void HostReadSettings_EachNamesAReaderTheRepoStillHas()
    {
        Assert.All(AppSettingsCheck.HostReadSettings.Where(h => h.Proof is not null), h => Assert.True(h.Proof!(), $"{h.Name}: {h.Reader}"));
    }
}
