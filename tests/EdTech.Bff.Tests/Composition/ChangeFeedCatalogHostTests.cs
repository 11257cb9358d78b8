using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Infrastructure.ChangeFeed;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdTech.Bff.Tests.Composition;

/// <summary>The LocalHost's change-feed handlers (what its pump runs) are exactly ChangeFeedCatalog's, checked at start-up.</summary>
public sealed class ChangeFeedCatalogHostTests
{
    [Fact]
    public void LocalHost_RegistersExactlyTheCatalogHandlers_AndPumpsThem()
    {
        using var factory = new ApiFactory();
        var handlers = factory.Services.GetServices<IChangeFeedHandler>().ToList();

        Assert.Empty(ChangeFeedCatalog.Differences(handlers));
        Assert.Equal(ChangeFeedCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal), handlers.Select(h => h.Name).Order(StringComparer.Ordinal));
        var hosted = factory.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, s => s is ChangeFeedCatalogCheck);
        Assert.Contains(hosted, s => s is ChangeFeedPump);
    }

    [Fact]
    public void LocalHost_WithAHandlerOutsideTheCatalog_RefusesToStart()
    {
        using var factory = new ApiFactory();
        using var extended = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IChangeFeedHandler, UncataloguedHandler>()));

        var error = Assert.Throws<InvalidOperationException>(() => extended.Services);

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
