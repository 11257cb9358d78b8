using System.Collections.Concurrent;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.ChangeFeed;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Infrastructure.Tests.ChangeFeed;

/// <summary>
/// The pump's pauses and failed steps, with a clock that records each pause and lets it pass at once (no timing in the test):
/// the busy pause only after a throttled step that delivered something, the retry pause and warning after a failed step.
/// Each test waits on a positive signal (the pump reached the feed's wait after its work) before it asserts.
/// </summary>
public sealed class ChangeFeedPumpPauseTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("t1");
    private static readonly ChangeFeedPumpOptions Options = new(4, TimeSpan.FromMilliseconds(250));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempSqliteStore _temp = new("edt-pumppause");
    private readonly PauseRecordingClock _clock = new();
    private readonly RecordingLogger<ChangeFeedPump> _log = new();
    private SqliteDocumentStore _store = null!;

    public Task InitializeAsync()
    {
        _store = _temp.Store;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Pump_DeferrableHandlerWhileBusy_PausesTheBusyPauseAfterEachStep()
    {
        var last = await WriteAsync("watched", 8);
        var handler = new Handler(ChangeFeedUrgency.Deferrable);
        var feed = new Feed(_store, idleAfter: last);

        await RunUntilIdleAsync(feed, handler, busy: true);

        Assert.Equal([4, 4], handler.BatchSizes);
        Assert.Equal([Options.BusyPause, Options.BusyPause], _clock.Pauses);
    }

    [Fact]
    public async Task Pump_NotThrottled_TakesNoPause()
    {
        var last = await WriteAsync("watched", 8);
        var handler = new Handler(ChangeFeedUrgency.Deferrable);
        var feed = new Feed(_store, idleAfter: last);

        await RunUntilIdleAsync(feed, handler, busy: false);

        Assert.Equal([8], handler.BatchSizes);
        Assert.Empty(_clock.Pauses);
    }

    [Fact]
    public async Task Pump_ThrottledStepOverOtherContainersOnly_MovesTheCheckpoint_WithoutHandlingOrPausing()
    {
        var last = await WriteAsync("ignored", 3);
        var handler = new Handler(ChangeFeedUrgency.Deferrable);
        var feed = new Feed(_store, idleAfter: last);

        await RunUntilIdleAsync(feed, handler, busy: true);

        Assert.Empty(handler.BatchSizes);
        Assert.Empty(_clock.Pauses);
        Assert.Equal(last, await _store.GetCheckpointAsync(handler.Name));
    }

    [Fact]
    public async Task Pump_StepFails_LogsAWarning_PausesTheRetryPause_AndRetriesFromTheSameCheckpoint()
    {
        var last = await WriteAsync("watched", 3);
        var handler = new Handler(ChangeFeedUrgency.Immediate);
        var feed = new Feed(_store, idleAfter: last) { FailReads = 1 };

        await RunUntilIdleAsync(feed, handler, busy: false);

        Assert.Equal([3], handler.BatchSizes);
        Assert.Equal([TimeSpan.FromMilliseconds(500)], _clock.Pauses);
        var warning = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.IsType<IOException>(warning.Error);
        Assert.Equal(("pauser", 0L), ((string)warning.Fields["Handler"]!, (long)warning.Fields["Checkpoint"]!));
    }

    [Fact]
    public async Task Pump_CheckpointSaveFails_KeepsItsPlace_WithoutHandingOverWhatItHandledAgain()
    {
        var last = await WriteAsync("watched", 3);
        var handler = new Handler(ChangeFeedUrgency.Immediate);
        var feed = new Feed(_store, idleAfter: 0) { FailSaves = 1 };

        // Idle after the failure: the pump went on from the position it reached, not from the (older) saved checkpoint.
        await RunUntilIdleAsync(feed, handler, busy: false, afterFailure: true);

        Assert.Equal([3], handler.BatchSizes);
        Assert.Equal(last, (long)Assert.Single(_log.Entries).Fields["Checkpoint"]!);
        Assert.Equal(last, await _store.GetCheckpointAsync(handler.Name)); // the position it kept is saved once caught up, before it waits
    }

    private async Task<long> WriteAsync(string container, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _store.CreateAsync(Tenant, container, $"{container}-{i}", "p", "{}");
        }

        return (await _store.GetAsync(Tenant, container, $"{container}-{count - 1}"))!.Sequence;
    }

    private async Task RunUntilIdleAsync(Feed feed, Handler handler, bool busy, bool afterFailure = false)
    {
        var delivery = new ChangeFeedDelivery(_store, new ChangeFeedRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), 3), [], TimeProvider.System,
            NullLogger<ChangeFeedDelivery>.Instance);
        using var pump = new ChangeFeedPump(feed, [handler], delivery, new Load(busy), Options, _clock, _log);
        await pump.StartAsync(CancellationToken.None);
        try
        {
            await (afterFailure ? feed.IdleAfterFailure : feed.Idle).Task.WaitAsync(Patience);
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }
    }

    private sealed record Load(bool IsBusy) : IForegroundLoad
    {
        public bool IsSaturated => false;
    }

    /// <summary>A clock that records every pause asked of it and lets it pass at once.</summary>
    private sealed class PauseRecordingClock : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Pauses { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Pauses.Enqueue(dueTime);
            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }

    /// <summary>
    /// The store's feed. Signals <see cref="Idle"/> when the pump waits for changes at or after <c>idleAfter</c>, and
    /// <see cref="IdleAfterFailure"/> when it waits after a failure was injected; fails the first reads or saves when told.
    /// </summary>
    private sealed class Feed(SqliteDocumentStore store, long idleAfter) : IChangeFeed
    {
        private int _failed;

        public int FailReads { get; set; }

        public int FailSaves { get; set; }

        public TaskCompletionSource Idle { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource IdleAfterFailure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<StoredDocument>> ReadAsync(long afterSequence, int maxItems, CancellationToken cancellationToken = default) =>
            store.ReadAsync(afterSequence, maxItems, cancellationToken);

        public Task<ChangeBatch> ReadAsync(long afterSequence, int maxItems, IReadOnlySet<string> containers, int scanWindow, CancellationToken cancellationToken = default)
        {
            if (FailReads-- > 0)
            {
                Interlocked.Increment(ref _failed);
                throw new IOException("feed unavailable");
            }

            return store.ReadAsync(afterSequence, maxItems, containers, scanWindow, cancellationToken);
        }

        public Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default) => store.GetCheckpointAsync(consumer, cancellationToken);

        public Task SaveCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken = default)
        {
            if (FailSaves-- > 0)
            {
                Interlocked.Increment(ref _failed);
                throw new IOException("checkpoint not saved");
            }

            return store.SaveCheckpointAsync(consumer, sequence, cancellationToken);
        }

        public Task WaitForChangesAsync(long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default)
        {
            if (afterSequence >= idleAfter)
            {
                Idle.TrySetResult();
            }

            if (Volatile.Read(ref _failed) > 0)
            {
                IdleAfterFailure.TrySetResult();
            }

            return store.WaitForChangesAsync(afterSequence, maxWait, cancellationToken);
        }
    }

    private sealed class Handler(ChangeFeedUrgency urgency) : IChangeFeedHandler
    {
        public ConcurrentQueue<int> BatchSizes { get; } = new();

        public string Name => "pauser";

        public ChangeFeedUrgency Urgency => urgency;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { "watched" };

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            BatchSizes.Enqueue(changes.Count);
            return Task.CompletedTask;
        }
    }
}
