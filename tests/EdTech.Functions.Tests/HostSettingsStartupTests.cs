using Microsoft.Azure.Functions.Worker.Builder;

namespace EdTech.Functions.Tests;

/// <summary>The Functions app refuses to start without the settings its host resolves, naming each one.</summary>
public sealed class HostSettingsStartupTests
{
    private static FunctionsApplicationBuilder Builder()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration["Data"] = Path.Combine(Path.GetTempPath(), "edtech-hoststart-" + Guid.NewGuid().ToString("N"));
        builder.Configuration["Auth:Authority"] = FunctionsHostFixture.Authority;
        builder.Configuration["Auth:Audience"] = "api://edtech-api";
        return builder;
    }

    [Theory]
    [InlineData("TASKHUB_NAME")]
    [InlineData("DURABLE_TASK_SCHEDULER_CONNECTION_STRING")]
    [InlineData("RECONCILE_GRADING_SCHEDULE")]
    [InlineData("RELEASE_DUE_SCHEDULE")]
    [InlineData("NIGHTLY_RELEASE_SCHEDULE")]
    [InlineData("CALIBRATE_SCHEDULE")]
    [InlineData("AzureWebJobsStorage")]
    public void Start_WithoutHostSetting_FailsNamingIt(string setting)
    {
        var builder = Builder();
        FunctionsHostFixture.WithHostSettings(builder.Configuration);
        builder.Configuration[setting] = "";

        var error = Assert.Throws<InvalidOperationException>(() => FunctionsComposition.Configure(builder));

        Assert.Contains($"App setting {setting} is missing", error.Message, StringComparison.Ordinal);
        Assert.Single(HostSettings.Problems(builder.Configuration));
    }

    [Fact]
    public void Start_WithIdentityBasedHostStorage_NeedsNoConnectionString()
    {
        var builder = Builder();
        FunctionsHostFixture.WithHostSettings(builder.Configuration);
        builder.Configuration["AzureWebJobsStorage"] = "";
        builder.Configuration["AzureWebJobsStorage:accountName"] = "stedtech";

        Assert.Empty(HostSettings.Problems(builder.Configuration));
    }

    [Fact]
    public void Start_WithNoHostSettings_NamesEveryMissingOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionsComposition.Configure(Builder()));

        Assert.All(HostSettings.Required, s => Assert.Contains(s.Name, error.Message, StringComparison.Ordinal));
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sqlite")]
    public void Start_OutsideDevelopmentOnSqlite_FailsNamingStoreProvider(string? provider)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Environment.EnvironmentName = Microsoft.Extensions.Hosting.Environments.Production;
        builder.Configuration["Auth:Authority"] = FunctionsHostFixture.Authority;
        builder.Configuration["Auth:Audience"] = "api://edtech-api";
        FunctionsHostFixture.WithHostSettings(builder.Configuration);
        builder.Configuration["Store:Provider"] = provider;

        var error = Assert.Throws<InvalidOperationException>(() => FunctionsComposition.Configure(builder));

        Assert.Contains("App setting Store__Provider must be 'cosmos'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data")]
    [InlineData("EdTech:DataDirectory")]
    public void Start_OutsideDevelopmentWithLocalDataFolder_FailsNamingIt(string setting)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Environment.EnvironmentName = Microsoft.Extensions.Hosting.Environments.Production;
        builder.Configuration["Auth:Authority"] = FunctionsHostFixture.Authority;
        builder.Configuration["Auth:Audience"] = "api://edtech-api";
        FunctionsHostFixture.WithHostSettings(builder.Configuration);
        builder.Configuration["Store:Provider"] = "cosmos";
        builder.Configuration["Store:Cosmos:Endpoint"] = "https://cosmos-example.documents.azure.com:443/";
        builder.Configuration[setting] = "/home/site/data";

        var error = Assert.Throws<InvalidOperationException>(() => FunctionsComposition.Configure(builder));

        Assert.Contains($"App setting {setting.Replace(":", "__", StringComparison.Ordinal)} must not be set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Store__Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_InDevelopment_MayKeepItsStoreInSqlite()
    {
        var builder = Builder();
        builder.Environment.EnvironmentName = Microsoft.Extensions.Hosting.Environments.Development;
        FunctionsHostFixture.WithHostSettings(builder.Configuration);

        Assert.Empty(HostSettings.StateProblems(builder.Configuration, builder.Environment));
    }
}
