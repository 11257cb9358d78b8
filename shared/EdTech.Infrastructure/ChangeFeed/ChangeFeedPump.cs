using System.Collections.Concurrent;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.ChangeFeed;

/// <summary>
/// The LocalHost's stand-in for Cosmos DB change-feed triggers: one loop per handler, reading the
/// store's ordered feed from that handler's checkpoint. The checkpoint moves only after the batch was
/// delivered through <see cref="ChangeFeedDelivery"/> (the same retry and poison policy as the Azure triggers), so delivery
/// is at least once and a change that keeps failing goes to poison instead of holding the checkpoint; a transient failure
/// that persists is retried here after a pause, from the same checkpoint. A composite consumer with no checkpoint yet starts
/// at the smallest checkpoint of the consumers its parts were (<see cref="ChangeFeedConsumer.TakesOverCheckpoints"/>): the
/// upgrade that merged them neither replays the feed from the start nor skips what one of them had not read yet.
/// </summary>
/// <param name="options">How small the steps are while the host is busy (<see cref="ChangeFeedPumpOptions"/>).</param>
/// <param name="pacing">Times the pauses (the busy pause, the pause before a failed step is retried): wall-clock pacing, so the
/// hosts use the system clock (the constructor without it), never the server's business clock that tests fake; tests of the
/// pump pass a clock that records the pauses.</param>
public sealed class ChangeFeedPump(
    IChangeFeed feed, IEnumerable<IChangeFeedHandler> handlers, ChangeFeedDelivery delivery, IForegroundLoad foreground, ChangeFeedPumpOptions options,
    TimeProvider pacing, ILogger<ChangeFeedPump> logger, ChangeFeedLagMonitor? lag = null) : BackgroundService
{
    private const int BatchSize = 512;
    private const int ImmediateBusyBatchSize = 64;
    private const int ScanWindow = 8192;
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SkippedSaveInterval = TimeSpan.FromSeconds(1);

    // Each immediate consumer's distance behind the newest position after its last read (by consumer name).
    private readonly ConcurrentDictionary<string, long> _immediateBehind = new(StringComparer.Ordinal);

    /// <summary>Whether the path to results (an immediate consumer) is more than <see cref="ChangeFeedPumpOptions.ResultsBehindPositions"/> behind.</summary>
    private bool ResultsBehind
    {
        get
        {
            // The enumerator, not Values: Values takes every lock of the map and copies it.
            foreach (var (_, behind) in _immediateBehind)
            {
                if (behind > options.ResultsBehindPositions)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The hosts' constructor: the pauses run on the system clock.</summary>
    [ActivatorUtilitiesConstructor]
    public ChangeFeedPump(
        IChangeFeed feed, IEnumerable<IChangeFeedHandler> handlers, ChangeFeedDelivery delivery, IForegroundLoad foreground, ChangeFeedPumpOptions options,
        ILogger<ChangeFeedPump> logger, ChangeFeedLagMonitor? lag = null)
        : this(feed, handlers, delivery, foreground, options, TimeProvider.System, logger, lag)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before any loop runs: a consumer a composite takes over may still run (usage-projection, on usage-events only now)
        // and must not move its checkpoint before the composite has taken it.
        foreach (var handler in handlers)
        {
            await TakeOverAsync(handler, stoppingToken).ConfigureAwait(false);
        }

        await Task.WhenAll(handlers.Select(h => Task.Run(() => RunAsync(h, stoppingToken), stoppingToken))).ConfigureAwait(false);
    }

    private async Task RunAsync(IChangeFeedHandler handler, CancellationToken ct)
    {
        long? checkpoint = null;
        long saved = 0;
        var savedAt = pacing.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (checkpoint is null)
                {
                    checkpoint = saved = await feed.GetCheckpointAsync(handler.Name, ct).ConfigureAwait(false);
                }

                // Deferrable handlers take small steps while requests are served, and while the path to students' results is
                // far behind (grading and the views first: an exam's results are visible sooner, and the notification that
                // they are out comes after them); the path to results takes moderate steps while requests are served, and
                // small ones only once requests come faster than it can also grade (acknowledging comes first, and grading
                // catches up right after).
                var busy = foreground.IsBusy;
                var throttled = handler.Urgency == ChangeFeedUrgency.Deferrable ? busy || ResultsBehind : foreground.IsSaturated;
                var size = throttled ? options.BusyBatchSize : busy ? ImmediateBusyBatchSize : BatchSize;
                // Only this handler's containers are read; the checkpoint still moves over everyone else's changes.
                var batch = await feed.ReadAsync(checkpoint.Value, size, handler.Containers, ScanWindow, ct).ConfigureAwait(false);
                if (feed.LatestSequence is { } latest)
                {
                    lag?.Backlog(handler.Name, latest - batch.ScannedUpTo);
                    if (handler.Urgency == ChangeFeedUrgency.Immediate)
                    {
                        _immediateBehind[handler.Name] = latest - batch.ScannedUpTo;
                    }
                }
                if (batch.ScannedUpTo <= checkpoint.Value)
                {
                    if (saved < checkpoint.Value)
                    {
                        // Caught up: the position skipped over other consumers' changes is saved before waiting.
                        saved = await SaveAsync(handler, checkpoint.Value, ct).ConfigureAwait(false);
                        savedAt = pacing.GetTimestamp();
                    }

                    await feed.WaitForChangesAsync(checkpoint.Value, IdleWait, ct).ConfigureAwait(false);
                    continue;
                }

                // A batch with none of this handler's changes (only others' were scanned) is handed over too: DeliverAsync returns at once.
                await delivery.DeliverAsync(handler, batch.Changes, ct).ConfigureAwait(false);
                checkpoint = batch.ScannedUpTo;
                // After a delivery the checkpoint is saved at once (at least once, and no batch handled twice after a restart).
                // A batch with nothing of this handler's moves it in memory only, saved when caught up or once a second: a
                // restart then re-reads a stretch with nothing to deliver, instead of one checkpoint write per consumer and commit.
                if (batch.Changes.Count > 0 || pacing.GetElapsedTime(savedAt) >= SkippedSaveInterval)
                {
                    saved = await SaveAsync(handler, checkpoint.Value, ct).ConfigureAwait(false);
                    savedAt = pacing.GetTimestamp();
                }

                if (throttled && batch.Changes.Count > 0)
                {
                    // Small steps with pauses while requests are in flight: acknowledgements first, grading right after.
                    await Task.Delay(options.BusyPause, pacing, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Change-feed handler {Handler} failed after {Checkpoint}; retrying", handler.Name, checkpoint);
                // Stopped while pausing: no exception, the loop's condition ends the loop.
                await Task.Delay(RetryPause, pacing, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// A composite without a checkpoint yet (0) saves the smallest of the checkpoints it takes over as its own; one with a checkpoint
    /// goes back to where a part that joined it later had stopped (<see cref="RewindToJoinedAsync"/>). Retried after a pause until it
    /// succeeds or the host stops.
    /// </summary>
    private async Task TakeOverAsync(IChangeFeedHandler handler, CancellationToken ct)
    {
        var former = ChangeFeedCatalog.Find(handler.Name)?.TakesOverCheckpoints ?? [];
        while (former.Count > 0 && !ct.IsCancellationRequested)
        {
            try
            {
                var own = await feed.GetCheckpointAsync(handler.Name, ct).ConfigureAwait(false);
                if (own > 0)
                {
                    await RewindToJoinedAsync(handler.Name, own, ct).ConfigureAwait(false);
                    return;
                }

                var start = long.MaxValue;
                foreach (var name in former)
                {
                    start = Math.Min(start, await feed.GetCheckpointAsync(name, ct).ConfigureAwait(false));
                }

                if (start > 0)
                {
                    await feed.SaveCheckpointAsync(handler.Name, start, ct).ConfigureAwait(false);
                    logger.LogInformation("Change-feed consumer {Handler} had no checkpoint; it starts at {Checkpoint}, the smallest of {Former}",
                        handler.Name, start, string.Join(", ", former));
                }

                // A part that joined later was taken over with the others: its former checkpoint is cleared, not gone back to later.
                await RewindToJoinedAsync(handler.Name, start, ct).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Change-feed consumer {Handler} could not take over its parts' checkpoints; retrying", handler.Name);
                await Task.Delay(RetryPause, pacing, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// A composite that had its own checkpoint when a part joined it (<see cref="ChangeFeedConsumer.JoinedARunningComposite"/>) goes back
    /// to that part's former checkpoint if it is behind, then clears it (0: as if absent), so this happens once. A crash in between
    /// goes back to the same place again.
    /// </summary>
    private async Task RewindToJoinedAsync(string composite, long own, CancellationToken ct)
    {
        foreach (var name in ChangeFeedCatalog.Find(composite)?.RewindsToJoinedCheckpoints ?? [])
        {
            var former = await feed.GetCheckpointAsync(name, ct).ConfigureAwait(false);
            if (former <= 0)
            {
                continue;
            }

            if (former < own)
            {
                await feed.SaveCheckpointAsync(composite, former, ct).ConfigureAwait(false);
                logger.LogInformation("Change-feed consumer {Handler} goes back from {Checkpoint} to {Former}, where its new part {Part} had stopped",
                    composite, own, former, name);
                own = former;
            }

            await feed.SaveCheckpointAsync(name, 0, ct).ConfigureAwait(false);
        }
    }

    private async Task<long> SaveAsync(IChangeFeedHandler handler, long checkpoint, CancellationToken ct)
    {
        await feed.SaveCheckpointAsync(handler.Name, checkpoint, ct).ConfigureAwait(false);
        return checkpoint;
    }
}
