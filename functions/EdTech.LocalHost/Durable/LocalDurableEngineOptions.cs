namespace EdTech.LocalHost.Durable;

/// <summary>Settings for the one-machine durable engine.</summary>
/// <param name="DataDirectory">Folder that holds the sidecar's Unix socket; one folder per host.</param>
/// <param name="MaxConcurrentWorkItems">
/// Work-item cap reported to the sidecar dispatchers, replacing the in-memory backend's
/// <c>Environment.ProcessorCount</c> cap that throttles a 2-core box to ~1 orchestration/s.
/// </param>
/// <param name="WorkerConcurrency">
/// Orchestration and activity work items the worker runs at once. Grading is CPU work on the same
/// cores as intake; a bounded number keeps the thread pool's queue short so 202s stay fast.
/// </param>
public sealed record LocalDurableEngineOptions(string DataDirectory, int MaxConcurrentWorkItems = 100_000, int WorkerConcurrency = 1000)
{
    /// <summary>
    /// When set, the engine keeps its state in Azure Storage (e.g. Azurite: "UseDevelopmentStorage=true")
    /// through DurableTask.AzureStorage instead of memory.
    /// </summary>
    public string? AzureStorageConnectionString { get; init; }

    /// <summary>Task hub name in Azure Storage (lower-case letters and digits, 3–45 characters).</summary>
    public string TaskHubName { get; init; } = "edtechlocal";

    /// <summary>How often <see cref="DurableThroughputReporter"/> logs work done (only when there was some).</summary>
    public TimeSpan ThroughputReportPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a finished (completed, failed, terminated) instance is kept before <see cref="CompletedInstancePurger"/>
    /// removes it (setting <c>Durable:CompletedRetention</c>, default 1 minute). The in-memory backend otherwise keeps
    /// every finished instance with its history for the life of the process (about 3 KB each, 10,000 per 10,000-submission
    /// burst: with 10 minutes, a term of back-to-back exam bursts held several bursts' worth). Nothing reads a finished
    /// instance (state lives in the store), so a short window costs nothing. Zero turns purging off.
    /// </summary>
    public TimeSpan CompletedRetention { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often finished instances older than <see cref="CompletedRetention"/> are purged.</summary>
    public TimeSpan PurgePeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Unix socket the sidecar listens on; a socket needs no port, so hosts never collide.</summary>
    public string SocketPath => Path.Combine(DataDirectory, "durable.sock");
}
