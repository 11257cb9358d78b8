using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Grading;

public sealed class UnfinishedGradingReconcilerTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "edt-recon-" + Guid.NewGuid().ToString("N")[..12]);
    private SqliteDocumentStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(_dataDirectory, "edtech.db")));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Reconcile_TwoTenants_StartsExactlyTheUnfinishedSubmissions_InBatchesPerTenant_AwaitingReviewAlone_NotReleased()
    {
        var north = new TenantId("north");
        var south = new TenantId("south");
        await AddTenantAsync(north);
        await AddTenantAsync(south);
        await AddSubmissionAsync(north, "n-accepted", SubmissionStatus.Accepted);
        await AddSubmissionAsync(north, "n-graded", SubmissionStatus.Graded);
        await AddSubmissionAsync(north, "n-released", SubmissionStatus.Released);
        await AddSubmissionAsync(north, "n-review", SubmissionStatus.AwaitingReview);
        await AddSubmissionAsync(south, "s-accepted", SubmissionStatus.Accepted);
        await AddSubmissionAsync(south, "s-grading", SubmissionStatus.Grading);
        await AddSubmissionAsync(south, "s-released", SubmissionStatus.Released);
        // A submission stored under a tenant that is not in the registry is never visited.
        await AddSubmissionAsync(new TenantId("unregistered"), "u-accepted", SubmissionStatus.Accepted);
        var workflow = new Mock<IGradingWorkflow>(MockBehavior.Strict);
        workflow.Setup(w => w.StartAsync(It.IsAny<TenantId>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        workflow.Setup(w => w.StartBatchAsync(It.IsAny<TenantId>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var reconciler = new UnfinishedGradingReconciler(_store, workflow.Object, TimeProvider.System, NullLogger<UnfinishedGradingReconciler>.Instance);

        var count = await reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(5, count);
        workflow.Verify(w => w.StartBatchAsync(north, new[] { "n-accepted" }, It.IsAny<CancellationToken>()), Times.Once);
        // A restarted in-memory engine lost the instance waiting for review: it must wait (and remind) again, on its own.
        workflow.Verify(w => w.StartAsync(north, "n-review", It.IsAny<CancellationToken>()), Times.Once);
        workflow.Verify(w => w.StartBatchAsync(north, new[] { "n-graded" }, It.IsAny<CancellationToken>()), Times.Once);
        workflow.Verify(w => w.StartBatchAsync(south, new[] { "s-accepted" }, It.IsAny<CancellationToken>()), Times.Once);
        workflow.Verify(w => w.StartBatchAsync(south, new[] { "s-grading" }, It.IsAny<CancellationToken>()), Times.Once);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Reconcile_NoTenants_StartsNothing()
    {
        var workflow = new Mock<IGradingWorkflow>(MockBehavior.Strict);
        var reconciler = new UnfinishedGradingReconciler(_store, workflow.Object, TimeProvider.System, NullLogger<UnfinishedGradingReconciler>.Instance);

        Assert.Equal(0, await reconciler.ReconcileAsync(CancellationToken.None));
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Reconcile_GradedWorkOfAnUnreleasedManualAssessment_IsAtRest_NotReDriven()
    {
        var west = new TenantId("west");
        await AddTenantAsync(west);
        var manual = new Assessment("a-manual", "course-1", "Quiz", DateTimeOffset.UtcNow.AddDays(-1), 0, null, null, new ReleasePolicy(ReleasePolicy.Manual, null), []);
        await _store.CreateAsync(west, new AssessmentRecord("a-manual", "course-1", 1, manual, "t1", DateTimeOffset.UtcNow));
        await _store.CreateAsync(west, new SubmissionRecord("w-resting", "a-manual", 1, "course-1", "student-1", [], DateTimeOffset.UtcNow, false, SubmissionStatus.Graded, 10m));
        var workflow = new Mock<IGradingWorkflow>(MockBehavior.Strict);
        var reconciler = new UnfinishedGradingReconciler(_store, workflow.Object, TimeProvider.System, NullLogger<UnfinishedGradingReconciler>.Instance);

        Assert.Equal(0, await reconciler.ReconcileAsync(CancellationToken.None));
        workflow.VerifyNoOtherCalls();
    }

    private Task AddTenantAsync(TenantId tenant) =>
        _store.CreateAsync(TenantId.Platform, new TenantRecord(tenant.Value, tenant.Value, "UTC", TenantStatus.Active, DateTimeOffset.UtcNow));

    private Task AddSubmissionAsync(TenantId tenant, string id, SubmissionStatus status) =>
        _store.CreateAsync(tenant, new SubmissionRecord(id, "a-1", 1, "course-1", "student-1", [], DateTimeOffset.UtcNow, false, status, 10m));
}
