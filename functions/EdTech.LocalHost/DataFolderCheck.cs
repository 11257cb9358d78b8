namespace EdTech.LocalHost;

/// <summary>Logs, once at start-up, that the data folder is wider than owner-only (PrivateDataFolder).</summary>
public sealed class DataFolderCheck(ILogger<DataFolderCheck> logger, string? warning) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (warning is not null)
        {
            logger.LogWarning("{DataFolderWarning}", warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
