using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract, telemetry: a write keeps the trace parent of its span, and writes are counted per document written.</summary>
public abstract partial class DocumentStoreContractTests
{
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
}
