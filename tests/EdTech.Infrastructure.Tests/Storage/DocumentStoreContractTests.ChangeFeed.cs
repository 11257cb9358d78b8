using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract, change feed: every write in sequence order with its tenant, updates moved to the end, deletes gone, paging.</summary>
public abstract partial class DocumentStoreContractTests
{
    [StoreFact]
    public async Task ChangeFeed_ListsWritesInSequenceOrderWithTheirTenant()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        await store.CreateAsync(TenantA, Container, "one", "p1", "{}");
        await store.CreateAsync(TenantB, Container, "two", "p1", "{}");
        await store.CreateAsync(TenantA, Containers.Users, "three", "p1", "{}");

        var changes = await ReadOwnChangesAsync(feed, 0);

        Assert.Equal(["one", "two", "three"], changes.Select(c => c.Id));
        Assert.Equal([TenantA, TenantB, TenantA], changes.Select(c => c.Tenant));
        Assert.Equal([Container, Container, Containers.Users], changes.Select(c => c.Container));
        AssertStrictlyIncreasing(changes);
    }

    [StoreFact]
    public async Task ChangeFeed_UpdatedDocumentMovesToTheEndAndAppearsOnce()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var first = await store.CreateAsync(TenantA, Container, "first", "p1", """{"title":"v1"}""");
        await store.CreateAsync(TenantA, Container, "second", "p1", "{}");
        await store.ReplaceAsync(TenantA, Container, "first", "p1", """{"title":"v2"}""", first.Document!.ETag);

        var changes = await ReadOwnChangesAsync(feed, 0);

        Assert.Equal(["second", "first"], changes.Select(c => c.Id));
        Assert.Equal("v2", Title(changes[1]));
        AssertStrictlyIncreasing(changes);
    }

    [StoreFact]
    public async Task ChangeFeed_ReadAfterASequence_ReturnsOnlyLaterChanges()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var first = await store.CreateAsync(TenantA, Container, "first", "p1", "{}");
        await store.CreateAsync(TenantA, Container, "second", "p1", "{}");

        var later = await ReadOwnChangesAsync(feed, first.Document!.Sequence);

        Assert.Equal(["second"], later.Select(c => c.Id));
    }

    [StoreFact]
    public async Task ChangeFeed_ReadByContainer_ReturnsOnlyThoseContainersAndCoversTheSkippedOnes()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var start = (await feed.ReadAsync(0, 100_000)).Select(c => c.Sequence).DefaultIfEmpty(0).Max();
        await store.CreateAsync(TenantA, "wanted", "w1", "p1", "{}");
        await store.CreateAsync(TenantA, "other", "o1", "p1", "{}");
        await store.CreateAsync(TenantB, "wanted", "w2", "p1", "{}");
        await store.CreateAsync(TenantA, "other", "o2", "p1", "{}");
        var all = await feed.ReadAsync(start, 100);
        var wanted = new HashSet<string> { "wanted" };

        var whole = await feed.ReadAsync(start, 100, wanted, scanWindow: 100);
        var onePage = await feed.ReadAsync(start, 1, wanted, scanWindow: 100);
        var shortWindow = await feed.ReadAsync(start, 100, wanted, scanWindow: 2);
        var nothingLeft = await feed.ReadAsync(all[^1].Sequence, 100, wanted, scanWindow: 100);

        Assert.Equal(["w1", "w2"], whole.Changes.Select(c => c.Id));
        Assert.Equal(all[^1].Sequence, whole.ScannedUpTo);
        Assert.Equal(["w1"], onePage.Changes.Select(c => c.Id));
        Assert.Equal(all[0].Sequence, onePage.ScannedUpTo);
        Assert.Equal(["w1"], shortWindow.Changes.Select(c => c.Id));
        Assert.Equal(all[1].Sequence, shortWindow.ScannedUpTo);
        Assert.Empty(nothingLeft.Changes);
        Assert.Equal(all[^1].Sequence, nothingLeft.ScannedUpTo);
    }

    [StoreFact]
    public async Task ChangeFeed_DeletedDocumentLeavesTheFeed()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        await store.CreateAsync(TenantA, Container, "kept", "p1", "{}");
        await store.CreateAsync(TenantA, Container, "gone", "p1", "{}");
        await store.DeleteAsync(TenantA, Container, "gone");

        var changes = await ReadOwnChangesAsync(feed, 0);

        Assert.Equal(["kept"], changes.Select(c => c.Id));
    }

    [StoreFact]
    public async Task ChangeFeed_ReadAsync_ReturnsAtMostMaxItemsAndPagesBySequence()
    {
        var store = await OpenAsync();
        var feed = FeedOf(store);

        var start = await store.CreateAsync(TenantA, Container, "start", "p1", "{}");
        for (var i = 0; i < 5; i++)
        {
            await store.CreateAsync(TenantA, Container, $"d{i}", "p1", "{}");
        }

        var page1 = await feed.ReadAsync(start.Document!.Sequence, 2);
        var page2 = await feed.ReadAsync(page1[^1].Sequence, 2);

        Assert.Equal(2, page1.Count);
        Assert.Equal(2, page2.Count);
        Assert.True(page2[0].Sequence > page1[^1].Sequence);
    }
}
