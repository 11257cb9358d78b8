using Azure.Messaging.ServiceBus;
using EdTech.Application.Outbox;
using EdTech.Infrastructure.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Tests.Outbox;

/// <summary>The ServiceBus:* settings and the adapter they select (the composition both hosts call).</summary>
public sealed class ServiceBusSettingsTests
{
    private const string ClientId = "6f1b1c53-3a3e-4f52-9d8c-0a8d2b7c1e11";

    [Fact]
    public void From_NothingSet_IsNullAndTheFileAdapterIsRegistered()
    {
        var configuration = Config([]);
        using var provider = new ServiceCollection().AddLogging().AddEdTechOutboxPublisher(configuration, Path.GetTempPath()).BuildServiceProvider();

        Assert.Null(ServiceBusSettings.From(configuration));
        Assert.IsType<FileOutboxPublisher>(provider.GetRequiredService<IOutboxPublisher>());
    }

    [Fact]
    public async Task AddOutboxPublisher_NamespaceTopicAndClientId_RegistersTheServiceBusSenderForThatTopic()
    {
        var configuration = Config(new()
        {
            ["ServiceBus:FullyQualifiedNamespace"] = "https://sb-abc.servicebus.windows.net:443/",
            ["ServiceBus:Topic"] = "integration-events",
            ["ServiceBus:ClientId"] = ClientId,
        });
        await using var provider = new ServiceCollection().AddLogging().AddEdTechOutboxPublisher(configuration, Path.GetTempPath()).BuildServiceProvider();

        Assert.IsType<ServiceBusOutboxPublisher>(provider.GetRequiredService<IOutboxPublisher>());
        var sender = provider.GetRequiredService<ServiceBusSender>();
        Assert.Equal("integration-events", sender.EntityPath);
        Assert.Equal("sb-abc.servicebus.windows.net", sender.FullyQualifiedNamespace);
        Assert.Equal(new ServiceBusSettings("sb-abc.servicebus.windows.net", "integration-events", ClientId, 3), provider.GetRequiredService<ServiceBusSettings>());
    }

    [Theory]
    [InlineData("sb-abc.servicebus.windows.net", null, null, null, "ServiceBus:Topic")]
    [InlineData(null, "integration-events", null, null, "ServiceBus:FullyQualifiedNamespace")]
    [InlineData("not a host", "integration-events", null, null, "ServiceBus:FullyQualifiedNamespace")]
    [InlineData("sb-abc.servicebus.windows.net", "integration-events", "my-identity", null, "ServiceBus:ClientId")]
    [InlineData("sb-abc.servicebus.windows.net", "integration-events", null, "99", "ServiceBus:MaxRetries")]
    public void AddOutboxPublisher_BadSettings_FailsAtStartUpNamingTheSetting(string? ns, string? topic, string? clientId, string? retries, string setting)
    {
        var configuration = Config(new()
        {
            ["ServiceBus:FullyQualifiedNamespace"] = ns,
            ["ServiceBus:Topic"] = topic,
            ["ServiceBus:ClientId"] = clientId,
            ["ServiceBus:MaxRetries"] = retries,
        });

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEdTechOutboxPublisher(configuration, Path.GetTempPath()));

        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
