using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>The map of where a student's data lives, which export, erasure and the erasure guard all read.</summary>
public sealed class StudentDataTests
{
    [Fact]
    public void Map_PlacesEveryContainerExactlyOnce()
    {
        var placed = StudentData.Locations.Keys.Concat(StudentData.Special).Concat(StudentData.Free).ToList();

        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.Equal(Containers.All.Order(), placed.Order());
    }

    [Fact]
    public void Special_IsTheUserRecordAndTheAuditLog()
    {
        Assert.Equal([Containers.Audit, Containers.Users], StudentData.Special.Order());
    }

    [Fact]
    public void Locations_FindTheStudentByPartitionOrByTheirUserIdField()
    {
        Assert.All(StudentData.Locations.Values, locate =>
        {
            var query = locate("s1");
            var byPartition = query.Partition == "s1" && query.FieldEquals is null;
            var byField = query.Partition is null && query.FieldEquals?.Count == 1 && query.FieldEquals.GetValueOrDefault("userId") == "s1";
            Assert.True(byPartition != byField);
        });
        Assert.Equal("s1", StudentData.Locations[Containers.Notifications]("s1").Partition);
        Assert.Equal("s1", StudentData.Locations[Containers.Submissions]("s1").FieldEquals!["userId"]);
    }

    [Fact]
    public async Task Mark_WithoutAnActor_IsAnArgumentError()
    {
        var markers = new ErasureMarkers(new ThrowingStore());

        await Assert.ThrowsAsync<ArgumentNullException>(() => markers.MarkAsync(new TenantId("school-a"), "s1", null!, DateTimeOffset.UnixEpoch, CancellationToken.None));
    }

    /// <summary>Never reached: the argument check comes first.</summary>
    private sealed class ThrowingStore : IDocumentStore
    {
        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) => throw new InvalidOperationException();

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) => throw new InvalidOperationException();

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) => throw new InvalidOperationException();

        public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException();

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException();

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) => throw new InvalidOperationException();
    }
}
