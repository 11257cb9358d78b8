using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Bff.Composition;
using EdTech.Infrastructure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Composition;

public sealed class StoreCompositionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Provider_DefaultsToSqlite()
    {
        Assert.Equal(StoreProvider.Sqlite, StoreComposition.ProviderFrom(Settings()));
        Assert.Equal(StoreProvider.Cosmos, StoreComposition.ProviderFrom(Settings(("Store:Provider", "Cosmos"))));
    }

    [Fact]
    public void Provider_Unknown_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StoreComposition.ProviderFrom(Settings(("Store:Provider", "mongo"))));
        Assert.Contains("Store:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosmos_WithoutEndpoint_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(
            () => services.AddEdTechStore(Settings(("Store:Provider", "cosmos")), EdTechOptions.From(Settings())));
        Assert.Contains("Store:Cosmos:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosmos_WithAKeyForANonLoopbackAccount_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StoreComposition.CosmosOptionsFrom(Settings(
            ("Store:Cosmos:Endpoint", "https://edtech.documents.azure.com:443/"), ("Store:Cosmos:Key", CosmosStoreOptions.EmulatorKey))));
        Assert.Contains("Store:Cosmos:Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosmos_Settings_AreRead()
    {
        var options = StoreComposition.CosmosOptionsFrom(Settings(
            ("Store:Cosmos:Endpoint", "https://127.0.0.1:8081/"), ("Store:Cosmos:Database", "exam"), ("Store:Cosmos:Key", "k"),
            ("Store:Cosmos:ConnectionMode", "gateway"), ("Store:Cosmos:AcceptAnyServerCertificate", "true"),
            ("Store:Cosmos:AllowBulkExecution", "true"), ("Store:Cosmos:CreateContainers", "true")));

        Assert.Equal(new Uri("https://127.0.0.1:8081/"), options.Endpoint);
        Assert.Equal("exam", options.Database);
        Assert.Equal("k", options.Key);
        Assert.True(options.GatewayMode && options.AcceptAnyServerCertificate && options.AllowBulkExecution && options.CreateContainers);
    }

    [Fact]
    public void Cosmos_MalformedFlag_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StoreComposition.CosmosOptionsFrom(Settings(
            ("Store:Cosmos:Endpoint", "https://127.0.0.1:8081/"), ("Store:Cosmos:CreateContainers", "yes"))));
        Assert.Contains("Store:Cosmos:CreateContainers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosmos_RegistersTheCosmosStoreAndNoPullFeed()
    {
        var services = new ServiceCollection();

        services.AddEdTechStore(Settings(("Store:Provider", "cosmos"), ("Store:Cosmos:Endpoint", "https://edtech.documents.azure.com:443/")), EdTechOptions.From(Settings()));

        Assert.Contains(services, d => d.ServiceType == typeof(IDocumentStore));
        Assert.Contains(services, d => d.ServiceType == typeof(CosmosDocumentStore));
        Assert.Contains(services, d => d.ServiceType == typeof(CosmosChangeDispatcher));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IChangeFeed));
    }
}
