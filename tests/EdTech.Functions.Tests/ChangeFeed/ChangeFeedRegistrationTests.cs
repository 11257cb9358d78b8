using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdTech.Functions.Tests.ChangeFeed;

/// <summary>The Functions app's registered change-feed handlers are exactly the catalog's, and it checks so at start-up.</summary>
public sealed class ChangeFeedRegistrationTests
{
    [Fact]
    public void FunctionsHost_RegistersExactlyTheCatalogHandlers()
    {
        using var fixture = new FunctionsHostFixture();
        var handlers = fixture.Host.Services.GetServices<IChangeFeedHandler>().ToList();

        Assert.Empty(ChangeFeedCatalog.Differences(handlers));
        Assert.Equal(ChangeFeedCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal), handlers.Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FunctionsHost_WithAHandlerOutsideTheCatalog_RefusesToStart()
    {
        IServiceCollection? registered = null;
        using var fixture = new FunctionsHostFixture(services =>
        {
            services.AddSingleton<IChangeFeedHandler, UncataloguedHandler>();
            registered = services;
        });
        // The host runs the check as a hosted service (resolving every hosted service here would start the worker's gRPC channel).
        Assert.Contains(registered!, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ChangeFeedCatalogCheck));
        var check = new ChangeFeedCatalogCheck(fixture.Host.Services.GetServices<IChangeFeedHandler>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => check.StartAsync(CancellationToken.None));

        Assert.Contains("'uncatalogued' (UncataloguedHandler) is not in ChangeFeedCatalog", error.Message, StringComparison.Ordinal);
    }

    private sealed class UncataloguedHandler : IChangeFeedHandler
    {
        public string Name => "uncatalogued";

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { EdTech.Application.Storage.Containers.Courses };

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Deferrable;

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
