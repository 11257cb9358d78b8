using EdTech.Bff.Composition;
using Microsoft.Extensions.Configuration;

namespace EdTech.LocalHost.Tests.Durable;

public sealed class DurableEngineSettingsTests
{
    private static readonly EdTechOptions Options = new("/tmp/edt-settings", SynchronousFull: false, DurableWorkerConcurrency: 32);

    [Fact]
    public void NoProvider_IsTheInMemoryEngine()
    {
        var engine = LocalHostRuntime.DurableEngineOptions(Options, Settings());

        Assert.Null(engine.AzureStorageConnectionString);
        Assert.Equal(32, engine.WorkerConcurrency);
    }

    [Fact]
    public void AzureStorage_WithConnectionAndHub_UsesThem()
    {
        var engine = LocalHostRuntime.DurableEngineOptions(Options, Settings(
            ("Durable:Provider", "azurestorage"), ("Durable:AzureStorage:ConnectionString", "UseDevelopmentStorage=true"), ("Durable:TaskHub", "hub7")));

        Assert.Equal("UseDevelopmentStorage=true", engine.AzureStorageConnectionString);
        Assert.Equal("hub7", engine.TaskHubName);
    }

    [Fact]
    public void AzureStorage_WithoutConnectionString_StopsStartUpNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalHostRuntime.DurableEngineOptions(Options, Settings(("Durable:Provider", "AzureStorage"))));

        Assert.Contains("Durable:AzureStorage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProvider_StopsStartUpNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalHostRuntime.DurableEngineOptions(Options, Settings(("Durable:Provider", "Netherite"))));

        Assert.Contains("Durable:Provider", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
