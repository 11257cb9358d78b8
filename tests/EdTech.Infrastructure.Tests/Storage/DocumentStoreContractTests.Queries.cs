using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract, queries: partition, field and range conditions, the queried-field list, limits and id-cursor paging.</summary>
public abstract partial class DocumentStoreContractTests
{
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
}
