using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract, documents one by one: create, get, replace and delete with their ETag conditions, and what survives a reopen.</summary>
public abstract partial class DocumentStoreContractTests
{
    [StoreFact]
    public async Task Create_ThenGet_ReturnsTheStoredDocument()
    {
        var store = await OpenAsync();

        var result = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"Algebra"}""");

        Assert.Equal(WriteStatus.Created, result.Status);
        var stored = await store.GetAsync(TenantA, Container, "c1");
        Assert.NotNull(stored);
        Assert.Equal(TenantA, stored.Tenant);
        Assert.Equal(Container, stored.Container);
        Assert.Equal("c1", stored.Id);
        Assert.Equal("p1", stored.Partition);
        Assert.Equal("Algebra", Title(stored));
        Assert.Equal(result.Document!.ETag, stored.ETag);
        Assert.Equal(result.Document.Sequence, stored.Sequence);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
    }

    [StoreFact]
    public async Task Get_MissingDocument_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetAsync(TenantA, Container, "nope"));
    }

    [StoreFact]
    public async Task GetInPartition_ReturnsTheDocumentOnlyFromItsOwnPartitionAndTenant()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"Algebra"}""");

        var found = await store.GetAsync(TenantA, Container, "c1", "p1");

        Assert.NotNull(found);
        Assert.Equal("Algebra", Title(found));
        Assert.Equal(created.Document!.ETag, found.ETag);
        Assert.Null(await store.GetAsync(TenantA, Container, "c1", "p2"));
        Assert.Null(await store.GetAsync(TenantB, Container, "c1", "p1"));
        Assert.Null(await store.GetAsync(TenantA, Container, "nope", "p1"));
    }

    [StoreFact]
    public async Task Create_WhenIdExists_ReturnsAlreadyExistsWithOriginalContent()
    {
        var store = await OpenAsync();
        var first = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"Original"}""");

        var second = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"Imposter"}""");

        Assert.Equal(WriteStatus.AlreadyExists, second.Status);
        Assert.NotNull(second.Document);
        Assert.Equal("Original", Title(second.Document));
        Assert.Equal(first.Document!.ETag, second.Document.ETag);
        var stored = await store.GetAsync(TenantA, Container, "c1");
        Assert.Equal("Original", Title(stored!));
        Assert.Equal(first.Document.ETag, stored!.ETag);
    }

    [StoreFact]
    public async Task Replace_WithCurrentETag_ReplacesAndIssuesNewETag()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"v1"}""");

        var replaced = await store.ReplaceAsync(TenantA, Container, "c1", "p1", """{"title":"v2"}""", created.Document!.ETag);

        Assert.Equal(WriteStatus.Replaced, replaced.Status);
        Assert.NotEqual(created.Document.ETag, replaced.Document!.ETag);
        Assert.True(replaced.Document.Sequence > created.Document.Sequence);
        var stored = await store.GetAsync(TenantA, Container, "c1");
        Assert.Equal("v2", Title(stored!));
        Assert.Equal(replaced.Document.ETag, stored!.ETag);
    }

    [StoreFact]
    public async Task Replace_WithStaleETag_FailsAndKeepsStoredDocument()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"v1"}""");
        var current = await store.ReplaceAsync(TenantA, Container, "c1", "p1", """{"title":"v2"}""", created.Document!.ETag);

        var stale = await store.ReplaceAsync(TenantA, Container, "c1", "p1", """{"title":"lost update"}""", created.Document.ETag);

        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        Assert.Null(stale.Document);
        var stored = await store.GetAsync(TenantA, Container, "c1");
        Assert.Equal("v2", Title(stored!));
        Assert.Equal(current.Document!.ETag, stored!.ETag);
        Assert.Equal(current.Document.Sequence, stored.Sequence);
    }

    [StoreFact]
    public async Task Replace_WithIfMatchOnMissingDocument_FailsAndCreatesNothing()
    {
        var store = await OpenAsync();

        var result = await store.ReplaceAsync(TenantA, Container, "ghost", "p1", """{"title":"x"}""", "\"some-etag\"");

        Assert.Equal(WriteStatus.PreconditionFailed, result.Status);
        Assert.Null(await store.GetAsync(TenantA, Container, "ghost"));
    }

    [StoreFact]
    public async Task Replace_WithoutIfMatch_UpsertsCreatingThenReplacing()
    {
        var store = await OpenAsync();

        var created = await store.ReplaceAsync(TenantA, Container, "c1", "p1", """{"title":"v1"}""", ifMatch: null);
        var replaced = await store.ReplaceAsync(TenantA, Container, "c1", "p1", """{"title":"v2"}""", ifMatch: null);

        Assert.Equal(WriteStatus.Created, created.Status);
        Assert.Equal(WriteStatus.Replaced, replaced.Status);
        Assert.NotEqual(created.Document!.ETag, replaced.Document!.ETag);
        Assert.Equal("v2", Title((await store.GetAsync(TenantA, Container, "c1"))!));
    }

    [StoreFact]
    public async Task Delete_WithoutETag_RemovesDocument()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"x"}""");

        Assert.True(await store.DeleteAsync(TenantA, Container, "c1"));
        Assert.Null(await store.GetAsync(TenantA, Container, "c1"));
    }

    [StoreFact]
    public async Task Delete_WithCurrentETag_RemovesDocument()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"x"}""");

        Assert.True(await store.DeleteAsync(TenantA, Container, "c1", created.Document!.ETag));
        Assert.Null(await store.GetAsync(TenantA, Container, "c1"));
    }

    [StoreFact]
    public async Task Delete_WithStaleETag_ReturnsFalseAndKeepsDocument()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"v1"}""");
        await store.ReplaceAsync(TenantA, Container, "c1", "p1", """{"title":"v2"}""", created.Document!.ETag);

        Assert.False(await store.DeleteAsync(TenantA, Container, "c1", created.Document.ETag));
        Assert.Equal("v2", Title((await store.GetAsync(TenantA, Container, "c1"))!));
    }

    [StoreFact]
    public async Task Delete_MissingDocument_ReturnsFalse()
    {
        var store = await OpenAsync();

        Assert.False(await store.DeleteAsync(TenantA, Container, "ghost"));
        Assert.False(await store.DeleteAsync(TenantA, Container, "ghost", "\"etag\""));
    }

    [StoreFact]
    public async Task Delete_ThenCreate_CreatesAfresh()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"old"}""");
        await store.DeleteAsync(TenantA, Container, "c1");

        var recreated = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"new"}""");

        Assert.Equal(WriteStatus.Created, recreated.Status);
        Assert.Equal("new", Title((await store.GetAsync(TenantA, Container, "c1"))!));
    }

    [StoreFact]
    public async Task Documents_SurviveReopen()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"durable"}""");
        await store.CreateAsync(TenantA, Container, "c2", "p1", "{}");
        await store.DeleteAsync(TenantA, Container, "c2");

        var reopened = await ReopenAsync(store);

        var stored = await reopened.GetAsync(TenantA, Container, "c1");
        Assert.Equal("durable", Title(stored!));
        Assert.Equal(created.Document!.ETag, stored!.ETag);
        Assert.Equal(created.Document.Sequence, stored.Sequence);
        Assert.Null(await reopened.GetAsync(TenantA, Container, "c2"));
        var next = await reopened.CreateAsync(TenantA, Container, "c3", "p1", "{}");
        Assert.True(next.Document!.Sequence > created.Document!.Sequence);
    }
}
