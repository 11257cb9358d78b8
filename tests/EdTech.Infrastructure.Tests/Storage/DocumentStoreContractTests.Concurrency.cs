using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract under concurrent writers: every create lands once in strict sequence order; one of two replaces on an ETag wins.</summary>
public abstract partial class DocumentStoreContractTests
{
    [StoreFact]
    public async Task ConcurrentCreates_AllCompleteAreReadableAndAppearOnceInStrictSequenceOrder()
    {
        const int count = 2000;
        var store = await OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(
            () => store.CreateAsync(TenantA, Container, $"doc-{i:D5}", $"p{i % 7}", $$"""{"n":{{i}}}"""))));

        Assert.All(results, r => Assert.Equal(WriteStatus.Created, r.Status));
        Assert.Equal(count, results.Select(r => r.Document!.Sequence).Distinct().Count());
        Assert.Equal(count, results.Select(r => r.Document!.ETag).Distinct().Count());
        var all = await store.QueryAsync(TenantA, Container, DocumentQuery.All);
        Assert.Equal(count, all.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"doc-{i:D5}"), all.Select(d => d.Id));

        if (ChangeFeedOf(store) is { } feed)
        {
            var changes = await ReadOwnChangesAsync(feed, 0);
            Assert.Equal(count, changes.Count);
            Assert.Equal(count, changes.Select(c => c.Id).Distinct().Count());
            AssertStrictlyIncreasing(changes);
        }
    }

    [StoreFact]
    public async Task ConcurrentReplaces_WithTheSameETag_ExactlyOneWins()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "contended", "p1", """{"title":"v0"}""");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(
            () => store.ReplaceAsync(TenantA, Container, "contended", "p1", $$"""{"title":"v{{i}}"}""", created.Document!.ETag))));

        var winner = Assert.Single(results, r => r.Status == WriteStatus.Replaced);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(WriteStatus.PreconditionFailed, r.Status));
        Assert.Equal(winner.Document!.ETag, (await store.GetAsync(TenantA, Container, "contended"))!.ETag);
    }
}
