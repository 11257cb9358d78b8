using System.Collections.Concurrent;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.ChangeFeed;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Infrastructure.Tests.ChangeFeed;

public sealed class ChangeFeedPumpTests : IAsyncLifetime
{
    private readonly TempSqliteStore _temp = new("edt-pump");
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
    public async Task Pump_DeliversEveryChangeOfItsContainers_AndSavesTheCheckpoint()
    {
        var handler = new RecordingHandler();
        await WriteAsync(50, "watched");
        await WriteAsync(5, "ignored");

        // The checkpoint is saved after the handler returns: done once it is there too.
        await RunUntilAsync(handler, new Load(false), () => handler.Ids.Count >= 50 && _store.GetCheckpointAsync(handler.Name).GetAwaiter().GetResult() > 0);

        Assert.Equal(50, handler.Ids.Distinct().Count());
    }

    [Fact]
    public async Task Pump_WhileRequestsAreInFlight_DeferrableHandlerTakesSmallSteps()
    {
        var handler = new RecordingHandler();
        await WriteAsync(40, "watched");

        await RunUntilAsync(handler, new Load(true), () => handler.Ids.Count >= 8);

        Assert.All(handler.BatchSizes, size => Assert.True(size <= 4, $"batch of {size} while busy"));
    }

    [Fact]
    public async Task Pump_WhileRequestsAreInFlight_ImmediateHandlerTakesWholeBatches()
    {
        var handler = new RecordingHandler { Urgency = ChangeFeedUrgency.Immediate };
        await WriteAsync(40, "watched");

        await RunUntilAsync(handler, new Load(true), () => handler.Ids.Count >= 40);

        Assert.Contains(handler.BatchSizes, size => size > ChangeFeedPumpOptions.Default.BusyBatchSize);
    }

    [Fact]
    public async Task Pump_WhileRequestsQueue_ImmediateHandlerTakesSmallSteps()
    {
        var handler = new RecordingHandler { Urgency = ChangeFeedUrgency.Immediate };
        await WriteAsync(40, "watched");

        await RunUntilAsync(handler, new Load(true, IsSaturated: true), () => handler.Ids.Count >= 8);

        Assert.All(handler.BatchSizes, size => Assert.True(size <= 4, $"batch of {size} while saturated"));
    }

    [Fact]
    public async Task Pump_AfterAFailingBatch_RetriesWithoutAdvancing()
    {
        var handler = new RecordingHandler { FailuresLeft = 1 };
        await WriteAsync(3, "watched");

        await RunUntilAsync(handler, new Load(false), () => handler.Ids.Count >= 3);

        Assert.Equal(3, handler.Ids.Distinct().Count());
    }

    [Fact]
    public async Task Pump_WithAChangeThatAlwaysFails_PoisonsIt_AndMovesOn()
    {
        var handler = new RecordingHandler { AlwaysFails = "watched-1" };
        await WriteAsync(3, "watched");
        var last = (await _store.GetAsync(new TenantId("t1"), "watched", "watched-2"))!.Sequence;

        // Done once the checkpoint has moved past the last change, not merely once it was handled: the checkpoint is written after.
        await RunUntilAsync(handler, new Load(false), () => handler.Ids.Count >= 2 && _store.GetCheckpointAsync(handler.Name).GetAwaiter().GetResult() >= last);

        Assert.Equal(["watched-0", "watched-2"], handler.Ids.Distinct().Order());
        var poison = await _store.QueryAsync<ChangeFeedPoisonRecord>(new TenantId("t1"), DocumentQuery.InPartition(handler.Name));
        Assert.Equal("watched-1", Assert.Single(poison).Value.DocumentId);
    }

    [Fact]
    public async Task Pump_Restarted_ResumesFromTheSavedCheckpoint_WithoutRedeliveringWhatWasHandled()
    {
        var first = new RecordingHandler();
        await WriteAsync(5, "watched");
        var fifth = (await _store.GetAsync(new TenantId("t1"), "watched", "watched-4"))!.Sequence;
        await RunUntilAsync(first, new Load(false), () => _store.GetCheckpointAsync(first.Name).GetAwaiter().GetResult() >= fifth);
        await WriteAsync(3, "later");
        var restarted = new RecordingHandler { Containers = new HashSet<string> { "watched", "later" } };

        var last = (await _store.GetAsync(new TenantId("t1"), "later", "later-2"))!.Sequence;
        await RunUntilAsync(restarted, new Load(false), () => _store.GetCheckpointAsync(restarted.Name).GetAwaiter().GetResult() >= last);

        Assert.Equal(["later-0", "later-1", "later-2"], restarted.Ids.Order());
    }

    [Fact]
    public async Task Pump_CrashWhileTheHandlerRuns_RedeliversTheBatchAfterRestart()
    {
        var crashing = new RecordingHandler { HangOnFirstBatch = true };
        await WriteAsync(3, "watched");
        var last = (await _store.GetAsync(new TenantId("t1"), "watched", "watched-2"))!.Sequence;

        // The host stops (the process dies) while the handler has the batch: nothing may mark it handled.
        await RunUntilAsync(crashing, new Load(false), () => crashing.Hanging.Task.IsCompleted);
        var restarted = new RecordingHandler();
        await RunUntilAsync(restarted, new Load(false), () => _store.GetCheckpointAsync(restarted.Name).GetAwaiter().GetResult() >= last);

        Assert.Equal(["watched-0", "watched-1", "watched-2"], restarted.Ids.Order());
    }

    [Fact]
    public async Task Pump_CrashAfterHandlingBeforeTheCheckpointIsSaved_RedeliversTheBatchAfterRestart()
    {
        var handler = new RecordingHandler();
        await WriteAsync(3, "watched");
        var last = (await _store.GetAsync(new TenantId("t1"), "watched", "watched-2"))!.Sequence;
        var dying = new CheckpointCrashFeed(_store);

        // The checkpoint write never lands (the process dies in it): the handled batch must come again.
        await RunUntilAsync(handler, new Load(false), () => dying.Crashed.Task.IsCompleted, dying);
        Assert.Equal(0, await _store.GetCheckpointAsync(handler.Name));
        var restarted = new RecordingHandler();
        await RunUntilAsync(restarted, new Load(false), () => _store.GetCheckpointAsync(restarted.Name).GetAwaiter().GetResult() >= last);

        Assert.Equal(["watched-0", "watched-1", "watched-2"], handler.Ids.Order());
        Assert.Equal(["watched-0", "watched-1", "watched-2"], restarted.Ids.Order());
    }

    [Fact]
    public async Task Pump_CompositeWithoutACheckpoint_StartsAtTheSmallestOfItsPartsFormerCheckpoints_AndSavesIt()
    {
        var insights = ChangeFeedCatalog.SubmissionInsights;
        var handler = new RecordingHandler { Name = insights.Name };
        await WriteAsync(10, "watched");
        var feed = await FeedOrderAsync(10);
        // The former consumers stopped at different places; usage-projection and the two analytics consumers (still running,
        // on their other containers) are furthest.
        var former = new[] { feed[5].Sequence, feed[6].Sequence, feed[3].Sequence, feed[8].Sequence, feed[9].Sequence, feed[9].Sequence, feed[7].Sequence };
        Assert.Equal(former.Length, insights.TakesOverCheckpoints.Count);
        foreach (var (name, at) in insights.TakesOverCheckpoints.Zip(former))
        {
            await _store.SaveCheckpointAsync(name, at);
        }

        await RunUntilAsync(handler, new Load(false), () => _store.GetCheckpointAsync(handler.Name).GetAwaiter().GetResult() >= feed[^1].Sequence);

        Assert.Equal(feed.Skip(4).Select(d => d.Id), handler.Ids);
        // Taken over with the others, the views' former checkpoint is cleared: a later start does not go back to it.
        Assert.Equal(0, await _store.GetCheckpointAsync(ChangeFeedCatalog.SubmissionProjection.Name));
    }

    [Fact]
    public async Task Pump_CompositeWithItsOwnCheckpoint_GoesBackOnceToWhereAPartThatJoinedLaterStopped()
    {
        var insights = ChangeFeedCatalog.SubmissionInsights;
        await WriteAsync(6, "watched");
        var feed = await FeedOrderAsync(6);
        // The upgrade that made the views a part: the composite had read up to feed[4], the views' own consumer only up to feed[1].
        await _store.SaveCheckpointAsync(insights.Name, feed[4].Sequence);
        await _store.SaveCheckpointAsync(ChangeFeedCatalog.SubmissionProjection.Name, feed[1].Sequence);

        var upgraded = new RecordingHandler { Name = insights.Name };
        await RunUntilAsync(upgraded, new Load(false), () => _store.GetCheckpointAsync(upgraded.Name).GetAwaiter().GetResult() >= feed[^1].Sequence);
        var restarted = new RecordingHandler { Name = insights.Name };
        await _store.CreateAsync(new TenantId("t1"), "watched", "later-0", "p", "{}");
        var last = (await _store.GetAsync(new TenantId("t1"), "watched", "later-0"))!.Sequence;
        await RunUntilAsync(restarted, new Load(false), () => _store.GetCheckpointAsync(restarted.Name).GetAwaiter().GetResult() >= last);

        Assert.Equal(feed.Skip(2).Select(d => d.Id), upgraded.Ids);
        Assert.Equal(0, await _store.GetCheckpointAsync(ChangeFeedCatalog.SubmissionProjection.Name));
        Assert.Equal(["later-0"], restarted.Ids);
    }

    [Fact]
    public async Task Pump_CompositeWithItsOwnCheckpoint_BehindAPartThatJoinedLater_KeepsItsOwn()
    {
        var insights = ChangeFeedCatalog.SubmissionInsights;
        var handler = new RecordingHandler { Name = insights.Name };
        await WriteAsync(5, "watched");
        var feed = await FeedOrderAsync(5);
        await _store.SaveCheckpointAsync(insights.Name, feed[1].Sequence);
        await _store.SaveCheckpointAsync(ChangeFeedCatalog.SubmissionProjection.Name, feed[3].Sequence);

        await RunUntilAsync(handler, new Load(false), () => _store.GetCheckpointAsync(handler.Name).GetAwaiter().GetResult() >= feed[^1].Sequence);

        Assert.Equal(feed.Skip(2).Select(d => d.Id), handler.Ids);
        Assert.Equal(0, await _store.GetCheckpointAsync(ChangeFeedCatalog.SubmissionProjection.Name));
    }

    [Fact]
    public async Task Pump_CompositeWithItsOwnCheckpoint_IgnoresItsPartsFormerCheckpoints()
    {
        var insights = ChangeFeedCatalog.SubmissionInsights;
        var handler = new RecordingHandler { Name = insights.Name };
        await WriteAsync(5, "watched");
        var feed = await FeedOrderAsync(5);
        await _store.SaveCheckpointAsync(insights.Name, feed[2].Sequence);
        foreach (var name in insights.TakesOverCheckpoints.Except(insights.RewindsToJoinedCheckpoints))
        {
            await _store.SaveCheckpointAsync(name, feed[0].Sequence);
        }

        await RunUntilAsync(handler, new Load(false), () => _store.GetCheckpointAsync(handler.Name).GetAwaiter().GetResult() >= feed[^1].Sequence);

        Assert.Equal(feed.Skip(3).Select(d => d.Id), handler.Ids);
    }

    /// <summary>watched-0 … watched-{count - 1} in feed (sequence) order (they were written concurrently).</summary>
    private async Task<IReadOnlyList<StoredDocument>> FeedOrderAsync(int count) =>
        [.. (await Task.WhenAll(Enumerable.Range(0, count).Select(async i => (await _store.GetAsync(new TenantId("t1"), "watched", $"watched-{i}"))!))).OrderBy(d => d.Sequence)];

    private async Task WriteAsync(int count, string container)
    {
        var tenant = new TenantId("t1");
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => _store.CreateAsync(tenant, container, $"{container}-{i}", "p", "{}")));
    }

    private async Task RunUntilAsync(RecordingHandler handler, IForegroundLoad load, Func<bool> done, IChangeFeed? feed = null)
    {
        var delivery = new ChangeFeedDelivery(_store, new ChangeFeedRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), 3), [], TimeProvider.System,
            NullLogger<ChangeFeedDelivery>.Instance);
        using var pump = new ChangeFeedPump(feed ?? _store, [handler], delivery, load, ChangeFeedPumpOptions.Default, NullLogger<ChangeFeedPump>.Instance);
        await pump.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await pump.StopAsync(CancellationToken.None);
        Assert.True(done(), "the pump did not deliver in time");
    }

    private sealed record Load(bool IsBusy, bool IsSaturated = false) : IForegroundLoad;

    private sealed class RecordingHandler : IChangeFeedHandler
    {
        public ConcurrentQueue<string> Ids { get; } = new();

        public ConcurrentQueue<int> BatchSizes { get; } = new();

        public int FailuresLeft { get; set; }

        public string? AlwaysFails { get; init; }

        public string Name { get; init; } = "recorder";

        public ChangeFeedUrgency Urgency { get; init; } = ChangeFeedUrgency.Deferrable;

        public IReadOnlySet<string> Containers { get; init; } = new HashSet<string> { "watched" };

        /// <summary>The first batch is taken and never finished: the handler is still working when the host stops.</summary>
        public bool HangOnFirstBatch { get; init; }

        public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            if (HangOnFirstBatch && Hanging.TrySetResult())
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (FailuresLeft-- > 0 || changes.Any(c => c.Id == AlwaysFails))
            {
                throw new InvalidOperationException("transient");
            }

            BatchSizes.Enqueue(changes.Count);
            foreach (var change in changes)
            {
                Ids.Enqueue(change.Id);
            }
        }
    }

    /// <summary>The store's feed, except that saving a checkpoint never completes: the process dies while writing it.</summary>
    private sealed class CheckpointCrashFeed(SqliteDocumentStore store) : IChangeFeed
    {
        public TaskCompletionSource Crashed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<StoredDocument>> ReadAsync(long afterSequence, int maxItems, CancellationToken cancellationToken = default) =>
            store.ReadAsync(afterSequence, maxItems, cancellationToken);

        public Task<ChangeBatch> ReadAsync(long afterSequence, int maxItems, IReadOnlySet<string> containers, int scanWindow, CancellationToken cancellationToken = default) =>
            store.ReadAsync(afterSequence, maxItems, containers, scanWindow, cancellationToken);

        public Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default) => store.GetCheckpointAsync(consumer, cancellationToken);

        public async Task SaveCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken = default)
        {
            Crashed.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task WaitForChangesAsync(long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
            store.WaitForChangesAsync(afterSequence, maxWait, cancellationToken);
    }
}
