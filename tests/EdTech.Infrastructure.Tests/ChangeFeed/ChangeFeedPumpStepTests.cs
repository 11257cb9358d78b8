using System.Collections.Concurrent;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.ChangeFeed;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Infrastructure.Tests.ChangeFeed;

/// <summary>How the pump reads: step sizes by load and urgency, and waiting on the feed (not polling) when nothing is new.</summary>
public sealed class ChangeFeedPumpStepTests : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new("edt-pumpstep");
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

    [Theory]
    [InlineData(false, 512)]
    [InlineData(true, 64)]
    public async Task Pump_ImmediateHandler_TakesWholeBatchesWhenIdle_ModerateOnesWhileBusy(bool busy, int firstBatch)
    {
        await WriteAsync(600);
        var handler = new Handler();
        var feed = new WatchedFeed(_store);

        await using (await StartAsync(feed, handler, busy))
        {
            await handler.Handled(600).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(firstBatch, handler.BatchSizes.First());
        Assert.Equal(firstBatch, handler.BatchSizes.Max());
    }

    [Fact]
    public async Task Pump_NothingNew_WaitsOnTheFeedWithoutSavingTheCheckpointAgain()
    {
        var feed = new WatchedFeed(_store);

        await using (await StartAsync(feed, new Handler(), busy: false))
        {
            // A positive signal: the pump reached the feed's wait (a pump that polls never does, and would fail here).
            await feed.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(0, feed.Saves);
    }

    [Fact]
    public async Task Pump_WokenByANewChange_HandsItOver_AndSavesTheCheckpointOnlyForIt()
    {
        var feed = new WatchedFeed(_store);
        var handler = new Handler();

        await using (await StartAsync(feed, handler, busy: false))
        {
            await feed.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var handledAndIdle = feed.WaitingAfter(await WriteOneAsync());
            // The pump handled the new change and waits on the feed again: after its checkpoint, which moved past the change.
            await handledAndIdle.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal([1], handler.BatchSizes);
        Assert.Equal(1, feed.Saves); // a wake-up (or the idle wait's timeout) without a change in between saves nothing
    }

    [Fact]
    public async Task Pump_DeferrableHandler_TakesSmallSteps_WhileAnImmediateOneIsFarBehind()
    {
        await WriteAsync(600);
        var grading = new Handler("grading", ChangeFeedUrgency.Immediate) { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        // Its first batch may be sized before the immediate handler's first read: it is handed over only after that read.
        var insights = new Handler("insights", ChangeFeedUrgency.Deferrable) { FirstAfter = grading.Entered.Task };
        var options = ChangeFeedPumpOptions.Default with { ResultsBehindPositions = 10, BusyPause = TimeSpan.FromMilliseconds(1) };

        int[] whileBehind;
        await using (await StartAsync(new WatchedFeed(_store), [grading, insights], busy: false, options))
        {
            // The immediate handler holds its first batch (512 of 600): it stays 88 positions behind the newest write.
            await grading.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await insights.Handled(600).WaitAsync(TimeSpan.FromSeconds(60));
            whileBehind = [.. insights.BatchSizes.Skip(1)];
            grading.Gate.SetResult();
            await grading.Handled(600).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.NotEmpty(whileBehind);
        Assert.All(whileBehind, size => Assert.True(size <= options.BusyBatchSize, $"a step of {size} while the results path was behind"));
    }

    [Fact]
    public async Task Pump_DeferrableHandler_TakesWholeBatches_WhenTheImmediateOnesKeepUp()
    {
        await WriteAsync(600);
        var grading = new Handler("grading", ChangeFeedUrgency.Immediate);
        var insights = new Handler("insights", ChangeFeedUrgency.Deferrable);

        await using (await StartAsync(new WatchedFeed(_store), [grading, insights], busy: false, ChangeFeedPumpOptions.Default))
        {
            await Task.WhenAll(grading.Handled(600), insights.Handled(600)).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Contains(insights.BatchSizes, size => size > ChangeFeedPumpOptions.Default.BusyBatchSize);
    }

    private async Task WriteAsync(int count)
    {
        var tenant = new TenantId("t1");
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => _store.CreateAsync(tenant, "watched", $"w-{i:D4}", "p", "{}")));
    }

    private async Task<long> WriteOneAsync()
    {
        var tenant = new TenantId("t1");
        await _store.CreateAsync(tenant, "watched", "woken", "p", "{}");
        return (await _store.GetAsync(tenant, "watched", "woken"))!.Sequence;
    }

    private Task<Running> StartAsync(IChangeFeed feed, Handler handler, bool busy) => StartAsync(feed, [handler], busy, ChangeFeedPumpOptions.Default);

    private async Task<Running> StartAsync(IChangeFeed feed, IChangeFeedHandler[] handlers, bool busy, ChangeFeedPumpOptions options)
    {
        var delivery = new ChangeFeedDelivery(_store, new ChangeFeedRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), 3), [], TimeProvider.System,
            NullLogger<ChangeFeedDelivery>.Instance);
        var pump = new ChangeFeedPump(feed, handlers, delivery, new Load(busy), options, NullLogger<ChangeFeedPump>.Instance);
        await pump.StartAsync(CancellationToken.None);
        return new Running(pump);
    }

    private sealed class Running(ChangeFeedPump pump) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await pump.StopAsync(CancellationToken.None);
            pump.Dispose();
        }
    }

    private sealed record Load(bool IsBusy) : IForegroundLoad
    {
        public bool IsSaturated => false;
    }

    /// <summary>The store's feed, recording checkpoint saves and signalling when the pump waits for changes.</summary>
    private sealed class WatchedFeed(IChangeFeed inner) : IChangeFeed
    {
        private int _saves;

        public int Saves => Volatile.Read(ref _saves);

        public long? LatestSequence => inner.LatestSequence;

        private readonly ConcurrentDictionary<long, TaskCompletionSource> _waitingAfter = new();

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the pump waits for changes after <paramref name="sequence"/> (or later).</summary>
        public Task WaitingAfter(long sequence) =>
            _waitingAfter.GetOrAdd(sequence, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task<IReadOnlyList<StoredDocument>> ReadAsync(long afterSequence, int maxItems, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(afterSequence, maxItems, cancellationToken);

        public Task<ChangeBatch> ReadAsync(long afterSequence, int maxItems, IReadOnlySet<string> containers, int scanWindow, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(afterSequence, maxItems, containers, scanWindow, cancellationToken);

        public Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default) => inner.GetCheckpointAsync(consumer, cancellationToken);

        public Task SaveCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _saves);
            return inner.SaveCheckpointAsync(consumer, sequence, cancellationToken);
        }

        public Task WaitForChangesAsync(long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default)
        {
            Waiting.TrySetResult();
            foreach (var (sequence, waiting) in _waitingAfter)
            {
                if (afterSequence >= sequence)
                {
                    waiting.TrySetResult();
                }
            }

            return inner.WaitForChangesAsync(afterSequence, maxWait, cancellationToken);
        }
    }

    private sealed class Handler(string name = "stepper", ChangeFeedUrgency urgency = ChangeFeedUrgency.Immediate) : IChangeFeedHandler
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private int _expected = int.MaxValue;

        public ConcurrentQueue<int> BatchSizes { get; } = new();

        public string Name => name;

        public ChangeFeedUrgency Urgency => urgency;

        /// <summary>When set, the first batch is held until it completes (<see cref="Entered"/> says it is held).</summary>
        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>When set, the first batch is handed over only once this completes.</summary>
        public Task? FirstAfter { get; init; }

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { "watched" };

        public Task Handled(int count)
        {
            Volatile.Write(ref _expected, count);
            if (Volatile.Read(ref _count) >= count)
            {
                _all.TrySetResult();
            }

            return _all.Task;
        }

        public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            if (Gate is not null)
            {
                Entered.TrySetResult();
                await Gate.Task.WaitAsync(cancellationToken);
            }

            if (FirstAfter is not null)
            {
                await FirstAfter.WaitAsync(cancellationToken);
            }

            BatchSizes.Enqueue(changes.Count);
            if (Interlocked.Add(ref _count, changes.Count) >= Volatile.Read(ref _expected))
            {
                _all.TrySetResult();
            }
        }
    }
}
