using EdTech.Domain.Submissions;
using EdTech.Application.Common;
using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// The guard's check before a write is spared for a student a recheck found clear within <see cref="ErasureGuardedStore.ClearFor"/>
/// (one marker read per write, not two); the recheck after the write is never spared, and a marker written through
/// the guard ends every sparing at once.
/// </summary>
public sealed class ErasureGuardCheckBeforeTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-a");
    private static readonly Caller Admin = new(Tenant, "admin1", new HashSet<string> { "tenant-admin" });
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edtech-guard-before-" + Guid.NewGuid().ToString("n"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private IDocumentStore _raw = null!;
    private MarkerReads _counted = null!;

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddSqliteDocumentStore(new SqliteStoreOptions(Path.Combine(_directory, "store.db"))).BuildServiceProvider();
        _raw = _services.GetRequiredService<IDocumentStore>();
        _counted = new MarkerReads(_raw);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Write_AfterACleanWriteOfTheSameStudent_ReadsTheMarkerOnlyAfterTheWrite()
    {
        var guarded = new ErasureGuardedStore(_counted, _clock);

        await guarded.CreateAsync(Tenant, View("v1", "s1"));
        Assert.Equal(2, _counted.Reads);
        await guarded.CreateAsync(Tenant, View("v2", "s1"));

        Assert.Equal(3, _counted.Reads);
    }

    [Fact]
    public async Task TwoWritesOfOneStudentAtOnce_ReadTheMarkerOnceBeforeAndOnceAfterEach()
    {
        // A submit writes the submission and its initial view together.
        var guarded = new ErasureGuardedStore(_counted, _clock);

        await Task.WhenAll(guarded.CreateAsync(Tenant, View("v1", "s1")), guarded.CreateAsync(Tenant, View("v2", "s1")));

        Assert.Equal(3, _counted.Reads);
    }

    [Fact]
    public async Task Write_AfterClearForHasPassed_ReadsTheMarkerBeforeAgain()
    {
        var guarded = new ErasureGuardedStore(_counted, _clock);
        await guarded.CreateAsync(Tenant, View("v1", "s1"));

        _clock.Advance(ErasureGuardedStore.ClearFor);
        await guarded.CreateAsync(Tenant, View("v2", "s1"));

        Assert.Equal(4, _counted.Reads);
    }

    [Fact]
    public async Task Write_OfAnotherStudentOrTenant_IsNotSpared()
    {
        var guarded = new ErasureGuardedStore(_counted, _clock);
        await guarded.CreateAsync(Tenant, View("v1", "s1"));

        await guarded.CreateAsync(Tenant, View("v2", "s2"));
        await guarded.CreateAsync(new TenantId("school-b"), View("v3", "s1"));

        Assert.Equal(6, _counted.Reads);
    }

    [Fact]
    public async Task Write_OfAStudentErasedElsewhereJustAfterACleanWrite_IsUndoneByTheRecheck()
    {
        var guarded = new ErasureGuardedStore(_raw, _clock);
        await guarded.CreateAsync(Tenant, View("v1", "s1"));
        // Another instance's erasure: this guard never saw the marker being written.
        await new ErasureMarkers(_raw).MarkAsync(Tenant, "s1", Admin, _clock.GetUtcNow(), default);

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, View("v2", "s1")));

        Assert.Null(await _raw.GetAsync(Tenant, Containers.SubmissionViews, "v2"));
        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, View("v3", "s1")));
    }

    [Fact]
    public async Task Write_AfterAMarkerWrittenThroughTheGuard_IsRefusedBeforeItIsMade()
    {
        var counting = new MarkerReads(_raw);
        var guarded = new ErasureGuardedStore(counting, _clock);
        await guarded.CreateAsync(Tenant, View("v1", "s1"));
        await new ErasureMarkers(guarded).MarkAsync(Tenant, "s1", Admin, _clock.GetUtcNow(), default);
        var writes = counting.Writes;

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, View("v2", "s1")));

        Assert.Equal(writes, counting.Writes);
        Assert.Null(await _raw.GetAsync(Tenant, Containers.SubmissionViews, "v2"));
    }

    private static SubmissionView View(string id, string userId) =>
        new(id, "quiz1", "math101", userId, SubmissionStatus.Accepted, false, DateTimeOffset.UtcNow, 5, null, 0);

    /// <summary>Counts reads of erasure markers (the audit container) and the writes that reach the adapter.</summary>
    private sealed class MarkerReads(IDocumentStore inner) : IDocumentStore
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public int Writes { get; private set; }

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default)
        {
            if (container == Containers.Audit)
            {
                Interlocked.Increment(ref _reads);
            }

            return inner.GetAsync(tenant, container, id, cancellationToken);
        }

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default)
        {
            if (container == Containers.Audit)
            {
                Interlocked.Increment(ref _reads);
            }

            return inner.GetAsync(tenant, container, id, partition, cancellationToken);
        }

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
        {
            Writes++;
            return inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
        }

        public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
        {
            Writes++;
            return inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
        }

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(tenant, container, query, cancellationToken);
    }
}
