using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// The sweep that re-drives grading left unfinished: every unfinished status; graded work only of immediate-policy
/// assessments (any other policy's graded work is the release side's: the release job and the release command).
/// </summary>
public sealed class UnfinishedGradingReconcilerTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Reconcile_EveryTenant_RedrivesUnfinishedWorkInBatches_ReviewWaitsAlone_GradedWorkOnlyOfImmediateAssessments()
    {
        var schoolB = new TenantId("school-b");
        await _world.AddTenantAsync(schoolB.Value, "UTC");
        await _world.AddAssessmentAsync("manual", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddAssessmentAsync("manual-released", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Now);
        await _world.AddAssessmentAsync("after-due", GradingWorld.Policy(ReleasePolicy.AfterDue));
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddSubmissionAsync("s-accepted", "manual", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-grading", "manual", SubmissionStatus.Grading);
        await _world.AddSubmissionAsync("s-review", "manual", SubmissionStatus.AwaitingReview);
        await _world.AddSubmissionAsync("s-graded-at-rest", "manual", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-released", "manual-released", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-due", "after-due", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-gone", "gone", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-immediate", "immediate", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-released", "after-due", SubmissionStatus.Released);
        await _world.AddSubmissionAsync("s-b", "manual", SubmissionStatus.Accepted, schoolB);

        var count = await new UnfinishedGradingReconciler(_world.Store, _world.Workflows, _world.Clock, _world.Logs.For<UnfinishedGradingReconciler>())
            .ReconcileAsync(default);

        Assert.Equal(5, count);
        // Only the one awaiting review gets its own workflow (it waits and reminds); the rest are graded (or released) in batches per tenant.
        // Graded work of a manual (released or not) or after-due assessment is left to the release side; of a gone one, nothing releases it.
        Assert.Equal(["school-a:s-review"], _world.Workflows.Gradings);
        Assert.Equal(
            ["school-a:s-accepted", "school-a:s-graded-immediate", "school-a:s-grading", "school-b:s-b"],
            _world.Workflows.Batches.SelectMany(b => b.Split(':')[1].Split(',').Select(id => b.Split(':')[0] + ":" + id)).Order(StringComparer.Ordinal));
        _world.Logs.AssertLogged("Re-drove 5 unfinished submissions");
    }

    // The cases below start from a store with no tenant at all (the world registers school-a), so each has its own.

    [Fact]
    public async Task Reconcile_TwoTenants_StartsExactlyTheUnfinishedSubmissions_InBatchesPerTenant_AwaitingReviewAlone_GradedOfAGoneAssessmentLeft()
    {
        await using var temp = new TempSqliteStore("edt-recon");
        var store = temp.Store;
        var north = new TenantId("north");
        var south = new TenantId("south");
        await AddTenantAsync(store, north);
        await AddTenantAsync(store, south);
        await AddSubmissionAsync(store, north, "n-accepted", SubmissionStatus.Accepted);
        await AddSubmissionAsync(store, north, "n-graded", SubmissionStatus.Graded);
        await AddSubmissionAsync(store, north, "n-released", SubmissionStatus.Released);
        await AddSubmissionAsync(store, north, "n-review", SubmissionStatus.AwaitingReview);
        await AddSubmissionAsync(store, south, "s-accepted", SubmissionStatus.Accepted);
        await AddSubmissionAsync(store, south, "s-grading", SubmissionStatus.Grading);
        await AddSubmissionAsync(store, south, "s-released", SubmissionStatus.Released);
        // A submission stored under a tenant that is not in the registry is never visited.
        await AddSubmissionAsync(store, new TenantId("unregistered"), "u-accepted", SubmissionStatus.Accepted);
        var workflows = new RecordingWorkflows();

        var count = await Reconciler(store, workflows).ReconcileAsync(CancellationToken.None);

        Assert.Equal(4, count);
        // n-graded's assessment "a-1" does not exist: nothing could release it, so it is not re-driven.
        Assert.Equal(["north:n-accepted", "south:s-accepted", "south:s-grading"], workflows.Batches.Order(StringComparer.Ordinal));
        // A restarted in-memory engine lost the instance waiting for review: it must wait (and remind) again, on its own.
        Assert.Equal(["north:n-review"], workflows.Gradings);
        Assert.Empty(workflows.Releases);
        Assert.Empty(workflows.Timers);
    }

    [Fact]
    public async Task Reconcile_NoTenants_StartsNothing()
    {
        await using var temp = new TempSqliteStore("edt-recon");
        var workflows = new RecordingWorkflows();

        Assert.Equal(0, await Reconciler(temp.Store, workflows).ReconcileAsync(CancellationToken.None));
        Assert.Empty(workflows.Gradings);
        Assert.Empty(workflows.Batches);
    }

    [Fact]
    public async Task Reconcile_GradedWorkOfAnUnreleasedManualAssessment_IsAtRest_NotReDriven()
    {
        await using var temp = new TempSqliteStore("edt-recon");
        var store = temp.Store;
        var west = new TenantId("west");
        await AddTenantAsync(store, west);
        var manual = new Assessment("a-manual", "course-1", "Quiz", DateTimeOffset.UtcNow.AddDays(-1), 0, null, null, new ReleasePolicy(ReleasePolicy.Manual, null), []);
        await store.CreateAsync(west, new AssessmentRecord("a-manual", "course-1", 1, manual, "t1", DateTimeOffset.UtcNow));
        await store.CreateAsync(west, new SubmissionRecord("w-resting", "a-manual", 1, "course-1", "student-1", [], DateTimeOffset.UtcNow, false, SubmissionStatus.Graded, 10m));
        var workflows = new RecordingWorkflows();

        Assert.Equal(0, await Reconciler(store, workflows).ReconcileAsync(CancellationToken.None));
        Assert.Empty(workflows.Gradings);
        Assert.Empty(workflows.Batches);
    }

    private static UnfinishedGradingReconciler Reconciler(IDocumentStore store, RecordingWorkflows workflows) =>
        new(store, workflows, TimeProvider.System, NullLogger<UnfinishedGradingReconciler>.Instance);

    private static Task AddTenantAsync(IDocumentStore store, TenantId tenant) =>
        store.CreateAsync(TenantId.Platform, new TenantRecord(tenant.Value, tenant.Value, "UTC", TenantStatus.Active, DateTimeOffset.UtcNow));

    private static Task AddSubmissionAsync(IDocumentStore store, TenantId tenant, string id, SubmissionStatus status) =>
        store.CreateAsync(tenant, new SubmissionRecord(id, "a-1", 1, "course-1", "student-1", [], DateTimeOffset.UtcNow, false, status, 10m));
}
