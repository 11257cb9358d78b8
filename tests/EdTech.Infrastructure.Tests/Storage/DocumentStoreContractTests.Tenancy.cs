using EdTech.Application.Storage;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract, tenancy: a tenant never sees, changes or removes another tenant's document.</summary>
public abstract partial class DocumentStoreContractTests
{
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
}
