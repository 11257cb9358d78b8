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

    private async Task<Running> StartAsync(IChangeFeed feed, Handler handler, bool busy)
    {
        var delivery = new ChangeFeedDelivery(_store, new ChangeFeedRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), 3), [], TimeProvider.System,
            NullLogger<ChangeFeedDelivery>.Instance);
        var pump = new ChangeFeedPump(feed, [handler], delivery, new Load(busy), ChangeFeedPumpOptions.Default, NullLogger<ChangeFeedPump>.Instance);
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

    private sealed class Handler : IChangeFeedHandler
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private int _expected = int.MaxValue;

        public ConcurrentQueue<int> BatchSizes { get; } = new();

        public string Name => "stepper";

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Immediate;

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

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            BatchSizes.Enqueue(changes.Count);
            if (Interlocked.Add(ref _count, changes.Count) >= Volatile.Read(ref _expected))
            {
                _all.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}
