using System.Collections.Concurrent;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.ChangeFeed;

public sealed class KeyedBatchTests
{
    private static readonly TenantId School1 = new("school1");
    private static readonly TenantId School2 = new("school2");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ForEach_SameKey_RunsOneAfterAnotherInFeedOrder()
    {
        var changes = new[] { Change("a", 1), Change("a", 2), Change("a", 3) };
        var running = 0;
        var overlapped = false;
        var order = new ConcurrentQueue<long>();

        await KeyedBatch.ForEachAsync(changes, KeyedBatch.ById, async (change, ct) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Delay(5, ct);
            order.Enqueue(change.Sequence);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        Assert.Equal([1, 2, 3], order);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task ForEach_DifferentKeys_RunAtTheSameTime()
    {
        // Each key waits for the other to start: run one after another, this would never finish.
        var changes = new[] { Change("a", 1), Change("b", 2) };
        var started = new ConcurrentDictionary<string, TaskCompletionSource>();
        foreach (var id in new[] { "a", "b" })
        {
            started[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await KeyedBatch.ForEachAsync(changes, KeyedBatch.ById, async (change, ct) =>
        {
            started[change.Id].TrySetResult();
            await started[change.Id == "a" ? "b" : "a"].Task.WaitAsync(Patience, ct);
        }, CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public async Task ForEach_SameIdInTwoTenants_AreDifferentKeys()
    {
        var changes = new[] { Change("a", 1, School1), Change("a", 2, School2) };
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await KeyedBatch.ForEachAsync(changes, KeyedBatch.ById, async (change, ct) =>
        {
            (change.Tenant == School1 ? first : second).TrySetResult();
            await (change.Tenant == School1 ? second : first).Task.WaitAsync(Patience, ct);
        }, CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public async Task ForEach_ManyKeys_AtMostMaxConcurrentKeysAtOnce_AndEveryKeyRuns()
    {
        var keys = KeyedBatch.MaxConcurrentKeys + 8;
        var changes = Enumerable.Range(0, keys).Select(i => Change($"k{i:D2}", i + 1)).ToList();
        var running = 0;
        var peak = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new ConcurrentBag<string>();

        var all = KeyedBatch.ForEachAsync(changes, KeyedBatch.ById, async (change, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (now == KeyedBatch.MaxConcurrentKeys)
            {
                gate.TrySetResult();
            }

            await gate.Task.WaitAsync(Patience, ct);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            done.Add(change.Id);
        }, CancellationToken.None);
        await all.WaitAsync(Patience);

        Assert.Equal(32, KeyedBatch.MaxConcurrentKeys);
        Assert.Equal(KeyedBatch.MaxConcurrentKeys, peak);
        Assert.Equal(keys, done.Distinct().Count());
    }

    [Fact]
    public async Task ForEach_OneKeyFails_TheOthersRunToTheirEnd_ThenTheFailureIsRethrown()
    {
        var changes = new[] { Change("bad", 1), Change("good", 2), Change("bad", 3), Change("good", 4) };
        var handled = new ConcurrentQueue<long>();
        var goodStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KeyedBatch.ForEachAsync(changes, KeyedBatch.ById, async (change, ct) =>
        {
            if (change.Id == "bad")
            {
                await goodStarted.Task.WaitAsync(Patience, ct);
                throw new InvalidOperationException("boom " + change.Sequence);
            }

            goodStarted.TrySetResult();
            await Task.Delay(20, ct);
            handled.Enqueue(change.Sequence);
        }, CancellationToken.None));

        Assert.Equal("boom 1", error.Message); // the key stops at its failure: its later change is left for the redelivery
        Assert.Equal([2, 4], handled);
    }

    [Fact]
    public async Task ForEach_PassesTheTokenToEachChange_AndACancelledTokenStartsNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var calls = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KeyedBatch.ForEachAsync([Change("a", 1)], KeyedBatch.ById, (_, _) =>
        {
            calls++;
            return Task.CompletedTask;
        }, cancelled.Token));
        using var live = new CancellationTokenSource();
        var seen = CancellationToken.None;
        await KeyedBatch.ForEachAsync([Change("a", 1)], KeyedBatch.ById, (_, token) =>
        {
            seen = token;
            return Task.CompletedTask;
        }, live.Token);

        Assert.Equal(0, calls);
        Assert.Equal(live.Token, seen);
    }

    [Fact]
    public async Task ForEach_NoChanges_CallsNothing_AndNullChangesThrow()
    {
        var calls = 0;

        await KeyedBatch.ForEachAsync([], KeyedBatch.ById, (_, _) => Task.FromResult(calls++), CancellationToken.None);

        Assert.Equal(0, calls);
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => KeyedBatch.ForEachAsync(null!, KeyedBatch.ById, (_, _) => Task.CompletedTask, CancellationToken.None));
        Assert.Equal("changes", error.ParamName);
    }

    [Fact]
    public void ById_IsTheChangedDocumentsId()
    {
        Assert.Equal("doc-7", KeyedBatch.ById(Change("doc-7", 1)));
        Assert.Equal("change", Assert.Throws<ArgumentNullException>(() => KeyedBatch.ById(null!)).ParamName);
    }

    [Fact]
    public void LatestPerDocument_EachDocumentOfTheContainerOnce_AtItsHighestSequence()
    {
        var changes = new[]
        {
            Change("a", 5), Change("b", 2), Change("a", 9), Change("a", 7),
            Change("a", 8, School2), Change("a", 11, container: "other"), Change("b", 1),
        };

        var latest = KeyedBatch.LatestPerDocument(changes, "watched").ToList();

        Assert.Equal([(School1, "a", 9L), (School1, "b", 2L), (School2, "a", 8L)], latest.Select(c => (c.Tenant, c.Id, c.Sequence)).OrderBy(c => c.Tenant.Value).ThenBy(c => c.Id));
        Assert.Equal("changes", Assert.Throws<ArgumentNullException>(() => KeyedBatch.LatestPerDocument(null!, "watched")).ParamName);
    }

    private static StoredDocument Change(string id, long sequence, TenantId? tenant = null, string container = "watched") =>
        new(tenant ?? School1, container, id, "p", "{}", $"\"e{sequence}\"", sequence, DateTimeOffset.UnixEpoch);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
