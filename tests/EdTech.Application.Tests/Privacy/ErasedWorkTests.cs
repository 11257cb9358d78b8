using EdTech.Domain.Submissions;
using EdTech.Application.Audit;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// Work about an erased student is dropped, not failed: the audit log keeps no entry about them, the outbox relay neither
/// publishes nor keeps their messages (change-feed delivery's drop is in <see cref="ErasureGuardedStoreTests"/>).
/// </summary>
public sealed class ErasedWorkTests : IAsyncLifetime
{
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task AuditAppend_AboutAnErasedStudent_IsDroppedWithoutError_OthersAreKept()
    {
        var log = new AuditLog(_world.Store);
        await _world.EraseAsync();

        await log.AppendAsync(ErasureWorld.Tenant, Entry("late", "s1"), CancellationToken.None);
        await log.AppendAsync(ErasureWorld.Tenant, Entry("kept", "s2"), CancellationToken.None);

        Assert.Null(await _world.AuditAsync("late", "s1"));
        Assert.NotNull(await _world.AuditAsync("kept", "s2"));
    }

    [Fact]
    public async Task OutboxErasure_SkipsMessagesOfErasedStudentsBeforePublishing()
    {
        var erasure = new OutboxErasure(_world.Markers, _world.Archive);
        await _world.EraseAsync();
        var other = new TenantId("school-b");
        var items = new List<(TenantId Tenant, string? Subject)> { (ErasureWorld.Tenant, "s1"), (ErasureWorld.Tenant, "s2"), (other, "s1"), (ErasureWorld.Tenant, null) };

        var kept = await erasure.WithoutErasedAsync(items, i => i, CancellationToken.None);

        Assert.Equal([(ErasureWorld.Tenant, "s2"), (other, "s1"), (ErasureWorld.Tenant, (string?)null)], kept);
    }

    [Fact]
    public async Task OutboxErasure_AfterPublishing_ForgetsOnlyStudentsErasedMeanwhile()
    {
        var erasure = new OutboxErasure(_world.Markers, _world.Archive);
        await _world.EraseAsync();
        _world.Archive.Forgotten.Clear();

        await erasure.ForgetErasedAsync([(ErasureWorld.Tenant, "s1"), (ErasureWorld.Tenant, "s1"), (ErasureWorld.Tenant, "s2"), (ErasureWorld.Tenant, null)], CancellationToken.None);

        Assert.Equal([(ErasureWorld.Tenant, "s1")], _world.Archive.Forgotten);
    }

    [Fact]
    public void OutboxErasure_SubjectOfARecord_IsTheStudentItBelongsTo()
    {
        var view = new SubmissionViewRecord("v1", "quiz1", ErasureWorld.Course, "s1", SubmissionStatus.Accepted, false, ErasureWorld.Start, 5, null, 0);

        Assert.Equal("s1", OutboxErasure.SubjectOf<SubmissionViewRecord>(view.PartitionKey, TypedDocumentStore.Serialize(view)));
    }

    private static AuditEntry Entry(string id, string subject) => new(id, ErasureWorld.Start, "t1", ["teacher"], "grade.changed", subject, "submission:x");
}
