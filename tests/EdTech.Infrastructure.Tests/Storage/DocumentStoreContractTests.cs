using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDocumentStore"/> adapter must have. An adapter's test class derives
/// from this and supplies the store. Each test uses fresh random tenants and filters the (cross-tenant)
/// change feed to them, so the tests also hold against a shared, non-empty backend such as a Cosmos
/// emulator container.
/// </summary>
public abstract class DocumentStoreContractTests : IAsyncLifetime
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

    [StoreFact]
    public async Task Write_InsideASpan_KeepsItsTraceParentBesideTheDocument()
    {
        var store = await OpenAsync();
        string? created;
        string? replaced;
        using (var span = new System.Diagnostics.Activity("create").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start())
        {
            await store.CreateAsync(TenantA, Container, "traced", "p1", """{"title":"Algebra"}""");
            created = span.Id;
        }

        var untraced = await store.CreateAsync(TenantA, Container, "untraced", "p1", """{"title":"Geometry"}""");
        using (var span = new System.Diagnostics.Activity("replace").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start())
        {
            await store.ReplaceAsync(TenantA, Container, "untraced", "p1", """{"title":"Geometry 2"}""", untraced.Document!.ETag);
            replaced = span.Id;
        }

        var first = await store.GetAsync(TenantA, Container, "traced");
        Assert.Equal(created, first!.TraceParent);
        // A system field, never inside the caller's JSON.
        Assert.DoesNotContain("traceparent", first.Json, StringComparison.OrdinalIgnoreCase);
        Assert.Null(untraced.Document.TraceParent);
        Assert.Equal(replaced, (await store.GetAsync(TenantA, Container, "untraced"))!.TraceParent);
        if (ChangeFeedOf(store) is { } feed)
        {
            var changes = (await feed.ReadAsync(0, 10_000)).Where(c => c.Tenant == TenantA).ToList();
            Assert.Equal([created, replaced], changes.Select(c => c.TraceParent));
        }
    }

    [StoreFact]
    public async Task Writes_AreCountedPerDocumentWritten_ByContainerAndOp_NotWhenNothingWasWritten()
    {
        var store = await OpenAsync();
        using var writes = new Telemetry.ScopedMeasurements(Application.Telemetry.EdTechTelemetry.Name, "edtech.store.writes");

        var created = await store.CreateAsync(TenantA, Container, "w1", "p1", """{"title":"Algebra"}""");
        await store.CreateAsync(TenantA, Container, "w1", "p1", """{"title":"Again"}"""); // already there: nothing written
        var replaced = await store.ReplaceAsync(TenantA, Container, "w1", "p1", """{"title":"Algebra 2"}""", created.Document!.ETag);
        await store.ReplaceAsync(TenantA, Container, "w1", "p1", """{"title":"Stale"}""", created.Document.ETag); // stale ETag: nothing written
        await store.ReplaceAsync(TenantA, Queried, "w2", "p1", """{"status":"submitted"}""", ifMatch: null); // an upsert that creates
        Assert.True(await store.DeleteAsync(TenantA, Container, "w1", replaced.Document!.ETag));
        Assert.False(await store.DeleteAsync(TenantA, Container, "w1")); // gone: nothing written

        static (string, object) Tag(string key, string value) => (key, value);
        const string ContainerTag = Application.Telemetry.StoreWriteMetrics.ContainerTag;
        const string OpTag = Application.Telemetry.StoreWriteMetrics.OpTag;
        Assert.Equal(4, writes.Sum());
        Assert.Equal(1, writes.Sum(Tag(ContainerTag, Container), Tag(OpTag, "create")));
        Assert.Equal(1, writes.Sum(Tag(ContainerTag, Container), Tag(OpTag, "replace")));
        Assert.Equal(1, writes.Sum(Tag(ContainerTag, Container), Tag(OpTag, "delete")));
        Assert.Equal(1, writes.Sum(Tag(ContainerTag, Queried), Tag(OpTag, "create")));
        Assert.All(writes.Measured, m => Assert.Equal(2, m.Tags.Count)); // container and op only: never a tenant
    }

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
    public async Task SameIdInTwoTenants_AreIndependentDocuments()
    {
        var store = await OpenAsync();
        var a = await store.CreateAsync(TenantA, Container, "shared-id", "p1", """{"title":"A"}""");
        var b = await store.CreateAsync(TenantB, Container, "shared-id", "p1", """{"title":"B"}""");

        await store.ReplaceAsync(TenantA, Container, "shared-id", "p1", """{"title":"A2"}""", a.Document!.ETag);

        Assert.Equal(WriteStatus.Created, b.Status);
        Assert.Equal("A2", Title((await store.GetAsync(TenantA, Container, "shared-id"))!));
        var storedB = await store.GetAsync(TenantB, Container, "shared-id");
        Assert.Equal("B", Title(storedB!));
        Assert.Equal(b.Document!.ETag, storedB!.ETag);
        Assert.Equal(TenantB, storedB.Tenant);
    }

    [StoreFact]
    public async Task OtherTenant_CannotGetQueryReplaceOrDeleteTheDocument()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"secret"}""");
        await store.CreateAsync(TenantA, Queried, "s1", "p1", """{"status":"secret"}""");

        Assert.Null(await store.GetAsync(TenantB, Container, "c1"));
        Assert.Empty(await store.QueryAsync(TenantB, Container, DocumentQuery.All));
        Assert.Empty(await store.QueryAsync(TenantB, Container, DocumentQuery.InPartition("p1")));
        Assert.Empty(await store.QueryAsync(TenantB, Queried, DocumentQuery.Where("status", "secret")));
        Assert.False(await store.DeleteAsync(TenantB, Container, "c1"));
        Assert.False(await store.DeleteAsync(TenantB, Container, "c1", created.Document!.ETag));
        var replace = await store.ReplaceAsync(TenantB, Container, "c1", "p1", """{"title":"hijack"}""", created.Document.ETag);
        Assert.Equal(WriteStatus.PreconditionFailed, replace.Status);

        var stored = await store.GetAsync(TenantA, Container, "c1");
        Assert.Equal("secret", Title(stored!));
        Assert.Equal(created.Document.ETag, stored!.ETag);
    }

    [StoreFact]
    public async Task Query_StartsWithCondition_MatchesAnyOfItsFields_PagedByIdAfterTheCursor()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Containers.Users, "u1", "u1", """{"searchName":"ada lovelace","searchEmail":"ada@x.example"}""");
        await store.CreateAsync(TenantA, Containers.Users, "u2", "u2", """{"searchName":"grace hopper","searchEmail":"adm@x.example"}""");
        await store.CreateAsync(TenantA, Containers.Users, "ad3", "ad3", """{"searchName":"alan","searchEmail":"alan@x.example"}""");
        await store.CreateAsync(TenantA, Containers.Users, "u4", "u4", """{"searchName":"bad ada","searchEmail":"b@x.example"}""");
        await store.CreateAsync(TenantA, Containers.Users, "u5", "u5", """{"searchName":7,"searchEmail":null}""");
        await store.CreateAsync(TenantB, Containers.Users, "u6", "u6", """{"searchName":"ada","searchEmail":"ada@y.example"}""");
        var ad = new FieldCondition([new("searchName", FieldMatchKind.StartsWith, "ad"), new("searchEmail", FieldMatchKind.StartsWith, "ad"), new("id", FieldMatchKind.StartsWith, "ad")]);

        var all = await store.QueryAsync(TenantA, Containers.Users, new DocumentQuery(Conditions: [ad]));
        var afterFirst = await store.QueryAsync(TenantA, Containers.Users, new DocumentQuery(Limit: 1, AfterId: "ad3", Conditions: [ad]));

        // Prefixes only ("bad ada" does not match), on any of the three fields, never another tenant's, never a non-text field.
        Assert.Equal(["ad3", "u1", "u2"], all.Select(d => d.Id));
        Assert.Equal(["u1"], afterFirst.Select(d => d.Id));
    }

    [StoreFact]
    public async Task Query_RangeConditions_AreHalfOpen_AndSkipDocumentsWithoutTheField()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Containers.Audit, "e1", "s1", """{"at":"2026-03-01T10:00:00+00:00"}""");
        await store.CreateAsync(TenantA, Containers.Audit, "e2", "s2", """{"at":"2026-03-01T10:00:00.5+00:00"}""");
        await store.CreateAsync(TenantA, Containers.Audit, "e3", "s1", """{"at":"2026-03-02T00:00:00+00:00"}""");
        await store.CreateAsync(TenantA, Containers.Audit, "e4", "s1", """{"other":"2026-03-01T12:00:00+00:00"}""");
        FieldCondition[] march1 =
        [
            FieldCondition.Of("at", FieldMatchKind.AtLeast, "2026-03-01T10:00:00+00:00"),
            FieldCondition.Of("at", FieldMatchKind.Below, "2026-03-02T00:00:00+00:00"),
        ];

        var day = await store.QueryAsync(TenantA, Containers.Audit, new DocumentQuery(Conditions: march1));
        var anyAt = await store.QueryAsync(TenantA, Containers.Audit, new DocumentQuery(Conditions: [FieldCondition.Of("at", FieldMatchKind.AtLeast, "")]));
        var s1 = await store.QueryAsync(TenantA, Containers.Audit, new DocumentQuery("s1", Conditions: march1));

        Assert.Equal(["e1", "e2"], day.Select(d => d.Id));
        Assert.Equal(["e1", "e2", "e3"], anyAt.Select(d => d.Id));
        Assert.Equal(["e1"], s1.Select(d => d.Id));
    }

    [StoreFact]
    public async Task Query_ArrayContainsCondition_MatchesAnElementOnly_AndAConditionOnAnUnlistedFieldIsRefused()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Containers.Users, "u1", "u1", """{"roles":["student","teacher"]}""");
        await store.CreateAsync(TenantA, Containers.Users, "u2", "u2", """{"roles":["teacher"]}""");
        await store.CreateAsync(TenantA, Containers.Users, "u3", "u3", """{"roles":"student"}""");
        await store.CreateAsync(TenantA, Containers.Users, "u4", "u4", """{"roles":["tenant-admin"]}""");

        var students = await store.QueryAsync(TenantA, Containers.Users, new DocumentQuery(Conditions: [FieldCondition.Of("roles", FieldMatchKind.ArrayContains, "student")]));

        Assert.Equal(["u1"], students.Select(d => d.Id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(
            TenantA, Containers.Users, new DocumentQuery(Conditions: [FieldCondition.Of("displayName", FieldMatchKind.StartsWith, "a")])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(
            TenantA, Containers.Users, new DocumentQuery(Conditions: [FieldCondition.Of("searchName", FieldMatchKind.ArrayContains, "a")])));
    }

    [StoreFact]
    public async Task Query_ByPartition_ReturnsOnlyThatPartitionInIdOrder()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Container, "b", "p1", """{"title":"b"}""");
        await store.CreateAsync(TenantA, Container, "a", "p1", """{"title":"a"}""");
        await store.CreateAsync(TenantA, Container, "c", "p2", """{"title":"c"}""");
        await store.CreateAsync(TenantA, Containers.Users, "d", "p1", """{"title":"d"}""");

        var p1 = await store.QueryAsync(TenantA, Container, DocumentQuery.InPartition("p1"));
        var all = await store.QueryAsync(TenantA, Container, DocumentQuery.All);

        Assert.Equal(["a", "b"], p1.Select(d => d.Id));
        Assert.Equal(["a", "b", "c"], all.Select(d => d.Id));
    }

    [StoreFact]
    public async Task Query_ByField_MatchesStringAndNumberValuesAsText()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Queried, "x1", "p1", """{"status":"open","assessmentId":3}""");
        await store.CreateAsync(TenantA, Queried, "x2", "p2", """{"status":"closed","assessmentId":3}""");
        await store.CreateAsync(TenantA, Queried, "x3", "p2", """{"status":"open","assessmentId":5}""");
        await store.CreateAsync(TenantA, Queried, "x4", "p2", """{"nested":{"status":"open"}}""");

        var open = await store.QueryAsync(TenantA, Queried, DocumentQuery.Where("status", "open"));
        var threeCredits = await store.QueryAsync(TenantA, Queried, DocumentQuery.Where("assessmentId", "3"));
        var openInP2 = await store.QueryAsync(TenantA, Queried, DocumentQuery.Where("status", "open", partition: "p2"));
        var both = await store.QueryAsync(TenantA, Queried, new DocumentQuery(
            FieldEquals: new Dictionary<string, string> { ["status"] = "open", ["assessmentId"] = "5" }));

        Assert.Equal(["x1", "x3"], open.Select(d => d.Id));
        Assert.Equal(["x1", "x2"], threeCredits.Select(d => d.Id));
        Assert.Equal(["x3"], openInP2.Select(d => d.Id));
        Assert.Equal(["x3"], both.Select(d => d.Id));
    }

    [StoreFact]
    public async Task Query_FieldNotEquals_MatchesAbsentOrDifferentValues_NotTheExcludedOne()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Queried, "x1", "p1", """{"status":"open"}""");
        await store.CreateAsync(TenantA, Queried, "x2", "p1", """{"status":"draft"}""");
        await store.CreateAsync(TenantA, Queried, "x3", "p1", """{"assessmentId":"a"}""");
        await store.CreateAsync(TenantA, Queried, "x4", "p1", """{"status":"draft","assessmentId":"a"}""");

        var notDraft = await store.QueryAsync(TenantA, Queried, new DocumentQuery("p1", FieldNotEquals: new Dictionary<string, string> { ["status"] = "draft" }));
        var paged = await store.QueryAsync(TenantA, Queried, new DocumentQuery("p1", Limit: 1, AfterId: "x1", FieldNotEquals: new Dictionary<string, string> { ["status"] = "draft" }));

        Assert.Equal(["x1", "x3"], notDraft.Select(d => d.Id));
        Assert.Equal(["x3"], paged.Select(d => d.Id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(TenantA, Queried, new DocumentQuery(FieldNotEquals: new Dictionary<string, string> { ["title"] = "x" })));
    }

    [StoreFact]
    public async Task Query_OnAFieldTheContainerIsNotQueriedOn_IsRejectedNamingIt()
    {
        var store = await OpenAsync();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(TenantA, Queried, DocumentQuery.Where("title", "x")));

        Assert.Contains("'title'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'submissions'", error.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Query_WithLimit_ReturnsTheFirstInIdOrder()
    {
        var store = await OpenAsync();
        foreach (var id in new[] { "d", "b", "a", "c" })
        {
            await store.CreateAsync(TenantA, Container, id, "p1", "{}");
        }

        var firstTwo = await store.QueryAsync(TenantA, Container, new DocumentQuery(Limit: 2));

        Assert.Equal(["a", "b"], firstTwo.Select(d => d.Id));
    }

    [StoreFact]
    public async Task Query_AfterIdCursor_PagesThroughInIdOrder_WithoutRepeatsOrGaps()
    {
        var store = await OpenAsync();
        foreach (var id in new[] { "e", "a", "d", "b", "c" })
        {
            await store.CreateAsync(TenantA, Queried, id, "p1", """{"status":"k"}""");
        }

        var pages = new List<string[]>();
        string? cursor = null;
        while (true)
        {
            var page = await store.QueryAsync(TenantA, Queried, new DocumentQuery("p1", new Dictionary<string, string> { ["status"] = "k" }, Limit: 2, AfterId: cursor));
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page.Select(d => d.Id).ToArray());
            cursor = page[^1].Id;
        }

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], pages);
    }

    [StoreTheory]
    [InlineData("title') OR 1=1 --")]
    [InlineData("a.b")]
    [InlineData("1st")]
    [InlineData("")]
    public async Task Query_WithUnsafeFieldName_IsRejected(string field)
    {
        var store = await OpenAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => store.QueryAsync(TenantA, Container, DocumentQuery.Where(field, "x")));
    }

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
