using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract, consumers of the feed: their checkpoints, and waiting for the next change.</summary>
public abstract partial class DocumentStoreContractTests
{
    [StoreFact]
    public async Task Checkpoints_AreIndependentPerConsumer_AndDefaultToZero()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var consumerA = "consumer-" + Guid.NewGuid().ToString("n");
        var consumerB = "consumer-" + Guid.NewGuid().ToString("n");

        Assert.Equal(0, await feed.GetCheckpointAsync(consumerA));
        await feed.SaveCheckpointAsync(consumerA, 42);
        await feed.SaveCheckpointAsync(consumerB, 7);
        await feed.SaveCheckpointAsync(consumerA, 43);

        Assert.Equal(43, await feed.GetCheckpointAsync(consumerA));
        Assert.Equal(7, await feed.GetCheckpointAsync(consumerB));
    }

    [StoreFact]
    public async Task Checkpoints_SurviveReopen()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var consumer = "consumer-" + Guid.NewGuid().ToString("n");
        await feed.SaveCheckpointAsync(consumer, 99);

        var reopened = await ReopenAsync(store);

        Assert.Equal(99, await ChangeFeedOf(reopened)!.GetCheckpointAsync(consumer));
    }

    [StoreFact]
    public async Task WaitForChanges_WakesPromptlyOnAWrite()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var before = await store.CreateAsync(TenantA, Container, "before", "p1", "{}");
        var wait = feed.WaitForChangesAsync(before.Document!.Sequence, TimeSpan.FromSeconds(30));
        Assert.False(wait.IsCompleted); // nothing to wake it yet (no pause here: a pause proves nothing more and costs time)

        await store.CreateAsync(TenantA, Container, "after", "p1", "{}");

        var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(wait, finished);
    }

    [StoreFact]
    public async Task WaitForChanges_WhenAChangeAlreadyExists_ReturnsAtOnce()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", "{}");

        var wait = feed.WaitForChangesAsync(created.Document!.Sequence - 1, TimeSpan.FromSeconds(30));

        var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(wait, finished);
    }

    [StoreFact]
    public async Task WaitForChanges_WithoutWrites_ReturnsAfterMaxWait()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", "{}");

        var wait = feed.WaitForChangesAsync(created.Document!.Sequence + 1_000_000, TimeSpan.FromMilliseconds(100));

        var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(wait, finished);
        await wait;
    }

    [StoreFact]
    public async Task WaitForChanges_WhenCancelled_Throws()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", "{}");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => feed.WaitForChangesAsync(created.Document!.Sequence + 1_000_000, TimeSpan.FromSeconds(30), cancellation.Token));
    }
}
