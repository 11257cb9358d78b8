using Microsoft.Extensions.Hosting;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// Both hosts run this before they take traffic or changes: a handler registered without a catalog entry (so without an
/// Azure trigger), or a catalog entry without its handler, stops the host naming the difference.
/// </summary>
public sealed class ChangeFeedCatalogCheck(IEnumerable<IChangeFeedHandler> handlers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ChangeFeedCatalog.EnsureMatches(handlers);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
