using DurableTask.Core;
using DurableTask.Core.Query;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// Bounds the one-machine engine's memory: every <see cref="LocalDurableEngineOptions.PurgePeriod"/> it purges the
/// instances that finished (completed, failed, terminated) and were created more than
/// <see cref="LocalDurableEngineOptions.CompletedRetention"/> ago. Nothing the application reads depends on a finished
/// instance: results, job and command state live in the store, and a start with a purged id is the same no-op as a start
/// after a restart of the in-memory engine (the handlers are idempotent; the reconcilers re-drive by store state).
/// In Azure the Durable Task Scheduler's retention policy does the same (bicep/modules/durable.bicep).
/// </summary>
public sealed partial class CompletedInstancePurger(LocalDurableBackend backend, LocalDurableEngineOptions options, TimeProvider clock, ILogger<CompletedInstancePurger> logger) : BackgroundService
{
    private const int PageSize = 1000;

    private static readonly OrchestrationStatus[] Finished = [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated];

    /// <summary>One purge pass: finished instances created before now minus the retention. Returns how many were removed.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken ct)
    {
        // Straight to the backend (the in-memory and the Azure Storage one both query and purge; the sidecar's gRPC purge
        // of this in-memory package version fails in its handler), page by page: find finished instances created before
        // the cutoff, then purge each by id, which removes an instance only if it is finished (a grading waiting days for a
        // teacher's review is never touched; the test pins this).
        if (backend.Client is not (IOrchestrationServiceQueryClient query and IOrchestrationServicePurgeClient purger))
        {
            return 0;
        }

        var cutoff = (clock.GetUtcNow() - options.CompletedRetention).UtcDateTime;
        var purged = 0;
        while (true)
        {
            var filter = new OrchestrationQuery { RuntimeStatus = Finished, CreatedTimeTo = cutoff, PageSize = PageSize };
            var page = await query.GetOrchestrationWithQueryAsync(filter, ct).ConfigureAwait(false);
            var removed = 0;
            foreach (var state in page.OrchestrationState)
            {
                removed += (await purger.PurgeInstanceStateAsync(state.OrchestrationInstance.InstanceId).ConfigureAwait(false)).DeletedInstanceCount;
            }

            purged += removed;
            if (removed == 0 || page.OrchestrationState.Count < PageSize)
            {
                break;
            }
        }

        if (purged > 0)
        {
            LogPurged(purged, options.CompletedRetention.TotalMinutes);
        }

        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CompletedRetention <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.PurgePeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPurgeFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine: purged {Count} finished instances older than {RetentionMinutes} min")]
    private partial void LogPurged(int count, double retentionMinutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable engine: purge of finished instances failed; retried next period")]
    private partial void LogPurgeFailed(Exception exception);
}
