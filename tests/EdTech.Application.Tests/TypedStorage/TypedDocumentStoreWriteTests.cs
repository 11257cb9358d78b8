using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Testing;

namespace EdTech.Application.Tests.TypedStorage;

/// <summary>A typed write hands back the stored version; the record it wrote is not parsed again from its own JSON.</summary>
public sealed class TypedDocumentStoreWriteTests : IAsyncDisposable
{
    private readonly TempSqliteStore _temp = new("edtech-typed");

    public ValueTask DisposeAsync() => _temp.DisposeAsync();

    [Fact]
    public async Task Create_Stored_IsTheRecordWrittenWithTheStoresVersion()
    {
        var record = new DirectoryMappingRecord("issuer-1", "school-a");

        var (status, stored) = await _temp.Store.CreateAsync(TenantId.Platform, record);
        var read = await _temp.Store.GetAsync<DirectoryMappingRecord>(TenantId.Platform, record.Id);

        Assert.Equal(WriteStatus.Created, status);
        Assert.Same(record, stored!.Value);
        Assert.Equal(read!.ETag, stored.ETag);
        Assert.Equal(read.Sequence, stored.Sequence);
        Assert.Equal(read.Value, stored.Value);
    }

    [Fact]
    public async Task Create_IdAlreadyTaken_StoredIsTheExistingDocumentNotTheRecordOffered()
    {
        await _temp.Store.CreateAsync(TenantId.Platform, new DirectoryMappingRecord("issuer-1", "school-a"));

        var (status, stored) = await _temp.Store.CreateAsync(TenantId.Platform, new DirectoryMappingRecord("issuer-1", "school-b"));

        Assert.Equal(WriteStatus.AlreadyExists, status);
        Assert.Equal("school-a", stored!.Value.TenantId);
    }

    [Fact]
    public async Task Replace_Stored_IsTheRecordWrittenWithTheNewVersion()
    {
        var (_, first) = await _temp.Store.CreateAsync(TenantId.Platform, new DirectoryMappingRecord("issuer-1", "school-a"));
        var next = new DirectoryMappingRecord("issuer-1", "school-b");

        var (status, stored) = await _temp.Store.ReplaceAsync(TenantId.Platform, next, first!.ETag);
        var stale = await _temp.Store.ReplaceAsync(TenantId.Platform, next, first.ETag);

        Assert.Equal(WriteStatus.Replaced, status);
        Assert.Same(next, stored!.Value);
        Assert.NotEqual(first.ETag, stored.ETag);
        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        Assert.Null(stale.Stored);
    }
}
