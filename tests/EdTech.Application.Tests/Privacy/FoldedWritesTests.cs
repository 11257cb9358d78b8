using EdTech.Application.Audit;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// An immediate release's two audit entries and two integration events, each pair stored as one document (docs/grading.md,
/// "Folded writes"): every reader (the audit log, the dispatcher, the export, the erasure) sees what one document per entry or
/// event showed, with the same ids, times, order and message ids.
/// </summary>
public sealed class FoldedWritesTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = ErasureWorld.Tenant;
    private static readonly DateTimeOffset At = ErasureWorld.Start.AddMinutes(-3);
    private static readonly SubmissionRecord Accepted = GradingWorld.Submission("sub1", "quiz1", SubmissionStatus.Accepted, user: "s1");
    private static readonly SubmissionRecord Graded = Accepted with { Status = SubmissionStatus.Graded, Score = 5, RawScore = 5, GradedAt = At };
    private static readonly SubmissionRecord Released = Graded with { Status = SubmissionStatus.Released, ReleasedAt = At };
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private AuditLog Audit => new(_world.Store);

    private IntegrationEventOutbox Events => new(_world.Store);

    private static IReadOnlyList<AuditEntry> EntriesAlone => [GradeAudit.AutoGraded(Accepted, Graded, At), GradeAudit.Released(Graded, At)];

    private static IReadOnlyList<IntegrationEventRecord> EventsAlone =>
        [IntegrationEvents.GradeChanged(Accepted, Released, IntegrationEvents.AutoGradeCause, At)!, IntegrationEvents.ResultsReleased(Released, At)];

    [Fact]
    public void AuditFold_ExpandsToTheTwoEntriesAsWrittenAlone_WithTheirOwnIdsTimesAndOrder()
    {
        var fold = GradeAudit.AutoGradedAndReleased(Accepted, Graded, At);

        Assert.Equal(GradeAudit.AutoGradeId("sub1"), fold.Id);
        Assert.Equal(EntriesAlone.Select(Json), AuditFolds.Expand(fold).Select(Json));
    }

    [Fact]
    public void AuditFold_OfAnEntryAtAnotherTime_IsRefused()
    {
        // The store's filters (actor, time) apply to the head only, so only entries sharing them may fold.
        Assert.Throws<ArgumentException>(() => AuditFolds.Of(GradeAudit.AutoGraded(Accepted, Graded, At), GradeAudit.Released(Graded, At.AddSeconds(1))));
    }

    [Fact]
    public async Task AuditLog_FoldedDocument_IsReadAsTwoEntriesInIdOrder_ExportedAsTwo_ErasedAsTwo()
    {
        await Audit.AppendAsync(Tenant, GradeAudit.AutoGradedAndReleased(Accepted, Graded, At), CancellationToken.None);

        Assert.Single(await _world.Raw.QueryAsync(Tenant, Containers.Audit, DocumentQuery.InPartition("s1")));
        Assert.Equal(EntriesAlone.Select(Json), (await Audit.AboutAsync(Tenant, "s1", CancellationToken.None)).Select(Json));
        var exported = (await _world.ExportAsync()).Value!.Containers[Containers.Audit];
        Assert.Equal(EntriesAlone.Select(Json), exported.Where(e => e.GetProperty("resource").GetString() == "sub1").Select(e => e.GetRawText()));
        Assert.DoesNotContain(exported, e => e.TryGetProperty(StoredFolds.Property, out _));
        var summary = (await _world.EraseAsync()).Value!;
        // The export's own entry and the two folded ones.
        Assert.Equal(3, summary.Deleted[Containers.Audit]);
    }

    [Fact]
    public async Task AuditLog_HeadStoredAloneByAnEarlierAttempt_TheFoldAppendsTheReleaseEntryAlone()
    {
        // First attempt: the release was not yet due, so the auto-grade entry alone; the retry finds the release due.
        await Audit.AppendAsync(Tenant, EntriesAlone[0], CancellationToken.None);
        await Audit.AppendAsync(Tenant, GradeAudit.AutoGradedAndReleased(Accepted, Graded, At), CancellationToken.None);
        await Audit.AppendAsync(Tenant, GradeAudit.AutoGradedAndReleased(Accepted, Graded, At), CancellationToken.None);

        Assert.Equal(2, (await _world.Raw.QueryAsync(Tenant, Containers.Audit, DocumentQuery.InPartition("s1"))).Count);
        Assert.Equal(EntriesAlone.Select(Json), (await Audit.AboutAsync(Tenant, "s1", CancellationToken.None)).Select(Json));
    }

    [Fact]
    public void EventFold_ExpandsToTheTwoEventsAsWrittenAlone()
    {
        var fold = IntegrationEvents.GradedAndReleased(Accepted, Released, At);

        Assert.Equal("grade-changed:sub1:auto-grade", fold.Id);
        Assert.Equal(EventsAlone.Select(Json), IntegrationEventFolds.Expand(fold).Select(Json));
        Assert.Equal(EventsAlone.Select(Json), IntegrationEventFolds.ExpandJson(Json(fold)));
    }

    [Fact]
    public async Task Dispatcher_FoldedDocument_PublishesEachEventUnderTheMessageIdItHadAlone_InOrder()
    {
        var publisher = new RecordingPublisher();
        await Events.WriteAsync(Tenant, IntegrationEvents.GradedAndReleased(Accepted, Released, At), CancellationToken.None);
        var change = Assert.Single(await _world.Raw.QueryAsync(Tenant, Containers.IntegrationEvents, DocumentQuery.InPartition("s1")), d => d.Id != ErasureWorld.DocId(Containers.IntegrationEvents, "s1"));

        await Dispatcher(publisher).HandleAsync([change], CancellationToken.None);

        Assert.Equal(EventsAlone.Select(e => OutboxMessages.Of(Tenant, e)), publisher.Published);
        Assert.Equal(
            [OutboxMessage.IdOf(Tenant, Containers.IntegrationEvents, "grade-changed:sub1:auto-grade"), OutboxMessage.IdOf(Tenant, Containers.IntegrationEvents, "results-released:sub1")],
            publisher.Published.Select(m => m.Id));
    }

    [Fact]
    public async Task Outbox_HeadStoredAloneByAnEarlierAttempt_TheFoldWritesTheReleaseEventAlone()
    {
        await Events.WriteAsync(Tenant, EventsAlone[0], CancellationToken.None);
        await Events.WriteAsync(Tenant, IntegrationEvents.GradedAndReleased(Accepted, Released, At), CancellationToken.None);

        var stored = (await _world.Raw.QueryAsync(Tenant, Containers.IntegrationEvents, DocumentQuery.InPartition("s1")))
            .Where(d => d.Id.Contains("sub1", StringComparison.Ordinal)).Select(d => d.Json);
        Assert.Equal(EventsAlone.Select(Json), stored);
    }

    [Fact]
    public async Task ExportAndErasure_FoldedEvents_ShowAndCountEachEventAsStoredAlone()
    {
        await Events.WriteAsync(Tenant, IntegrationEvents.GradedAndReleased(Accepted, Released, At), CancellationToken.None);

        var exported = (await _world.ExportAsync()).Value!.Containers[Containers.IntegrationEvents];
        // In id order, as one document per event was: grade-changed:…, the seeded integration-events-s1, results-released:….
        Assert.Equal(
            [Json(EventsAlone[0]), $$"""{"id":"{{ErasureWorld.DocId(Containers.IntegrationEvents, "s1")}}","userId":"s1"}""", Json(EventsAlone[1])],
            exported.Select(e => e.GetRawText()));
        Assert.Equal(3, (await _world.EraseAsync()).Value!.Deleted[Containers.IntegrationEvents]);
        Assert.Empty(await _world.Raw.QueryAsync(Tenant, Containers.IntegrationEvents, DocumentQuery.InPartition("s1")));
    }

    private IntegrationEventDispatcher Dispatcher(RecordingPublisher publisher) =>
        new(_world.Store, publisher, new OutboxErasure(_world.Markers, _world.Archive), NullLogger<IntegrationEventDispatcher>.Instance);

    private static string Json<T>(T record) => TypedDocumentStore.Serialize(record);
}
