using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDocumentStore"/> adapter must have. An adapter's test class derives
/// from this and supplies the store. Each test uses fresh random tenants and filters the (cross-tenant)
/// change feed to them, so the tests also hold against a shared, non-empty backend such as a Cosmos
/// emulator container. The cases are split by concern into the <c>DocumentStoreContractTests.*.cs</c> files beside this one.
/// </summary>
public abstract partial class DocumentStoreContractTests : IAsyncLifetime
{
    protected const string Container = Containers.Courses;

    /// <summary>A container with queried fields (<see cref="QueriedFields"/>): submissions, on status, assessmentId and userId.</summary>
    protected const string Queried = Containers.Submissions;

    private readonly List<object> _opened = [];

    protected DocumentStoreContractTests()
    {
        TenantA = NewTenant();
        TenantB = NewTenant();
    }

    protected TenantId TenantA { get; }

    protected TenantId TenantB { get; }

    /// <summary>Opens the adapter under test over this test's (fresh or shared) data.</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync();

    /// <summary>Closes <paramref name="store"/> and opens a new one over the same data.</summary>
    protected abstract Task<IDocumentStore> ReopenStoreAsync(IDocumentStore store);

    /// <summary>The change feed over the same data; null where the adapter has none (feed tests then do nothing).</summary>
    protected virtual IChangeFeed? ChangeFeedOf(IDocumentStore store) => store as IChangeFeed;

    /// <summary>
    /// The adapter's feed for a feed test. An adapter without one must skip these tests visibly (its class's <c>SkipReason</c>,
    /// see <see cref="StoreFactAttribute"/>), never pass them by returning early: here it fails.
    /// </summary>
    private IChangeFeed FeedOf(IDocumentStore store) =>
        ChangeFeedOf(store) ?? throw new Xunit.Sdk.XunitException(
            $"{GetType().Name}: the adapter has no change feed; skip the feed tests with a SkipReason instead of running them.");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await DisposeStoreAsync(store);
        }
    }

    protected static TenantId NewTenant() => new("t-" + Guid.NewGuid().ToString("n")[..16]);

    protected static async Task DisposeStoreAsync(object store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Opens a store that is disposed when the test ends.</summary>
    protected async Task<IDocumentStore> OpenAsync()
    {
        var store = await CreateStoreAsync();
        _opened.Add(store);
        return store;
    }

    protected async Task<IDocumentStore> ReopenAsync(IDocumentStore store)
    {
        var reopened = await ReopenStoreAsync(store);
        _opened.Add(reopened);
        return reopened;
    }

    /// <summary>All changes after <paramref name="afterSequence"/> that belong to this test's tenants.</summary>
    protected async Task<List<StoredDocument>> ReadOwnChangesAsync(IChangeFeed feed, long afterSequence)
    {
        var own = new List<StoredDocument>();
        while (true)
        {
            var page = await feed.ReadAsync(afterSequence, 500);
            if (page.Count == 0)
            {
                return own;
            }

            own.AddRange(page.Where(c => c.Tenant == TenantA || c.Tenant == TenantB));
            afterSequence = page[^1].Sequence;
        }
    }

    protected static void AssertStrictlyIncreasing(IReadOnlyList<StoredDocument> changes)
    {
        for (var i = 1; i < changes.Count; i++)
        {
            Assert.True(changes[i].Sequence > changes[i - 1].Sequence, $"Sequence {changes[i].Sequence} follows {changes[i - 1].Sequence}.");
        }
    }

    private static string? Title(StoredDocument document)
    {
        using var json = System.Text.Json.JsonDocument.Parse(document.Json);
        return json.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
    }
}
