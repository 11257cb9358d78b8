using EdTech.Domain.Submissions;
using EdTech.Application.Common;
using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// The guard's check before a write is spared for a student a recheck found clear within <see cref="ErasureGuardedStore.ClearFor"/>
/// (one marker read per write, not two); the recheck after the write is never spared, and a marker written through
/// the guard ends every sparing at once.
/// </summary>
public sealed class ErasureGuardCheckBeforeTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = GuardWorld.Tenant;
    private static readonly Caller Admin = GuardWorld.Admin;
    private readonly GuardWorld _world = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private AdapterCalls _counted = null!;

    private IDocumentStore Raw => _world.Raw;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _counted = new AdapterCalls(Raw);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Write_AfterACleanWriteOfTheSameStudent_ReadsTheMarkerOnlyAfterTheWrite()
    {
        var guarded = new ErasureGuardedStore(_counted, _clock);

        await guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1"));
        Assert.Equal(2, _counted.MarkerReads);
        await guarded.CreateAsync(Tenant, GuardWorld.View("v2", "s1"));

        Assert.Equal(3, _counted.MarkerReads);
    }

    [Fact]
    public async Task TwoWritesOfOneStudentAtOnce_ReadTheMarkerOnceBeforeAndOnceAfterEach()
    {
        // A submit writes the submission and its initial view together.
        var guarded = new ErasureGuardedStore(_counted, _clock);

        await Task.WhenAll(guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1")), guarded.CreateAsync(Tenant, GuardWorld.View("v2", "s1")));

        Assert.Equal(3, _counted.MarkerReads);
    }

    [Fact]
    public async Task Write_AfterClearForHasPassed_ReadsTheMarkerBeforeAgain()
    {
        var guarded = new ErasureGuardedStore(_counted, _clock);
        await guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1"));

        _clock.Advance(ErasureGuardedStore.ClearFor);
        await guarded.CreateAsync(Tenant, GuardWorld.View("v2", "s1"));

        Assert.Equal(4, _counted.MarkerReads);
    }

    [Fact]
    public async Task Write_OfAnotherStudentOrTenant_IsNotSpared()
    {
        var guarded = new ErasureGuardedStore(_counted, _clock);
        await guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1"));

        await guarded.CreateAsync(Tenant, GuardWorld.View("v2", "s2"));
        await guarded.CreateAsync(new TenantId("school-b"), GuardWorld.View("v3", "s1"));

        Assert.Equal(6, _counted.MarkerReads);
    }

    [Fact]
    public async Task Write_OfAStudentErasedElsewhereJustAfterACleanWrite_IsUndoneByTheRecheck()
    {
        var guarded = new ErasureGuardedStore(Raw, _clock);
        await guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1"));
        // Another instance's erasure: this guard never saw the marker being written.
        await new ErasureMarkers(Raw).MarkAsync(Tenant, "s1", Admin, _clock.GetUtcNow(), default);

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, GuardWorld.View("v2", "s1")));

        Assert.Null(await Raw.GetAsync(Tenant, Containers.SubmissionViews, "v2"));
        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, GuardWorld.View("v3", "s1")));
    }

    [Fact]
    public async Task Write_AfterAMarkerWrittenThroughTheGuard_IsRefusedBeforeItIsMade()
    {
        var counting = new AdapterCalls(Raw);
        var guarded = new ErasureGuardedStore(counting, _clock);
        await guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1"));
        await new ErasureMarkers(guarded).MarkAsync(Tenant, "s1", Admin, _clock.GetUtcNow(), default);
        var writes = counting.Writes;

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, GuardWorld.View("v2", "s1")));

        Assert.Equal(writes, counting.Writes);
        Assert.Null(await Raw.GetAsync(Tenant, Containers.SubmissionViews, "v2"));
    }
}
