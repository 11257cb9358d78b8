using EdTech.Application.Commands;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Grading.Release;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Tests.Grading;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Commands;

/// <summary>Tagging jobs started from their stored record, and the reconciler that re-drives every unfinished command after a crash.</summary>
public sealed class TaggingAndReconcilerTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly TenantId Tenant = GradingHostFixture.Tenant;
    private readonly Mock<ITaggingWorkflow> _tagging = new(MockBehavior.Strict);

    [Fact]
    public async Task StartTagging_QueuedJob_StartsIt_Redelivered_StartsTheSameInstanceAgain_FinishedGoneOrChunk_StartNothing()
    {
        await JobAsync("tj-queued", TaggingJobStatus.Queued);
        await JobAsync("tj-done", TaggingJobStatus.Completed, finished: true);
        await JobAsync("tj-gone", TaggingJobStatus.Queued);
        await host.Store.ReplaceAsync(Tenant, new TaggingChunkRecord(TaggingChunkRecord.IdFor("tj-queued", 0, 0), "tj-queued", 0, 0, []), ifMatch: null);
        var changes = new List<StoredDocument>();
        foreach (var id in new[] { "tj-queued", "tj-done", "tj-gone", TaggingChunkRecord.IdFor("tj-queued", 0, 0) })
        {
            changes.Add((await host.Store.GetAsync(Tenant, Containers.TaggingJobs, id))!);
        }

        Assert.True(await host.Store.DeleteAsync(Tenant, Containers.TaggingJobs, "tj-gone"));
        _tagging.Setup(w => w.StartAsync(Tenant, It.Is<TaggingJobRecord>(j => j.Id == "tj-queued" && j.Total == 2), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var handler = new StartTaggingOnJob(host.Store, _tagging.Object);

        await handler.HandleAsync(changes, CancellationToken.None);
        await handler.HandleAsync(changes, CancellationToken.None);

        _tagging.Verify(w => w.StartAsync(Tenant, It.Is<TaggingJobRecord>(j => j.Id == "tj-queued"), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _tagging.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Reconcile_RestartsEveryUnfinishedCommand_FromItsRecord_AndNothingFinished()
    {
        var tenant = new TenantId("recon-school");
        await host.Store.CreateAsync(TenantId.Platform, new TenantRecord(tenant.Value, "Recon", "UTC", TenantStatus.Active, DateTimeOffset.UtcNow));
        // A release marked before a crash, graded work still waiting.
        var assessment = new Assessment("rq-release", "c1", "Quiz", DateTimeOffset.UtcNow.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Manual, null),
            [new("q1", ItemType.SingleChoice, "?", ["a", "b"], AnswerValue.OfText("a"), null, 1, ["s"])]);
        await host.Store.CreateAsync(tenant, new AssessmentRecord("rq-release", "c1", 2, assessment, "t1", DateTimeOffset.UtcNow, ReleasedAt: DateTimeOffset.UtcNow));
        await host.Store.CreateAsync(tenant, new SubmissionRecord("rq-s1", "rq-release", 1, "c1", "student-1", [], DateTimeOffset.UtcNow, false, SubmissionStatus.Graded, 1m, Score: 1m));
        var generation = (await host.Store.GetAsync(tenant, Containers.Submissions, "rq-s1"))!.Sequence;
        // A requested regrade run, a completed one, a running and a finished tagging job.
        var runs = new WorkflowRuns(host.Store, TimeProvider.System, NullLogger<WorkflowRuns>.Instance);
        await runs.RequestAsync(tenant, WorkflowRunRecord.RegradeKind, "rq-release", 2, "c1", CancellationToken.None);
        var done = await runs.RequestAsync(tenant, WorkflowRunRecord.RegradeKind, "rq-release", 1, "c1", CancellationToken.None);
        await runs.FinishAsync(tenant, done.Id, WorkflowRunStatus.Completed, null, CancellationToken.None);
        await host.Store.CreateAsync(tenant, Job("rq-job", TaggingJobStatus.Running));
        await host.Store.CreateAsync(tenant, Job("rq-job-done", TaggingJobStatus.Failed) with { FinishedAt = DateTimeOffset.UtcNow, Error = "x" });
        var release = new Mock<IReleaseWorkflow>(MockBehavior.Strict);
        release.Setup(w => w.StartAsync(tenant, "rq-release", generation, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var regrade = new Mock<IRegradeWorkflow>(MockBehavior.Strict);
        regrade.Setup(w => w.StartAsync(tenant, "rq-release", 2, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        // Other tests of this class leave unfinished jobs in the fixture's tenant; the reconciler visits every tenant.
        _tagging.Setup(w => w.StartAsync(It.IsAny<TenantId>(), It.IsAny<TaggingJobRecord>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var reconciler = new UnfinishedCommandReconciler(host.Store,
            new DueResultsReleaser(host.Store, release.Object, TimeProvider.System, NullLogger<DueResultsReleaser>.Instance),
            runs, new WorkflowRunStarter(host.Store, runs, regrade.Object, Mock.Of<ICalibrationWorkflow>(MockBehavior.Strict), Mock.Of<ISimulationWorkflow>(MockBehavior.Strict)), _tagging.Object,
            NullLogger<UnfinishedCommandReconciler>.Instance);

        await reconciler.ReconcileAsync(CancellationToken.None);

        release.Verify(w => w.StartAsync(tenant, "rq-release", generation, It.IsAny<CancellationToken>()), Times.Once);
        regrade.Verify(w => w.StartAsync(tenant, "rq-release", 2, It.IsAny<CancellationToken>()), Times.Once);
        _tagging.Verify(w => w.StartAsync(tenant, It.Is<TaggingJobRecord>(j => j.Id == "rq-job"), It.IsAny<CancellationToken>()), Times.Once);
        _tagging.Verify(w => w.StartAsync(tenant, It.Is<TaggingJobRecord>(j => j.Id != "rq-job"), It.IsAny<CancellationToken>()), Times.Never);
        release.VerifyNoOtherCalls();
        regrade.VerifyNoOtherCalls();
    }

    private async Task JobAsync(string id, TaggingJobStatus status, bool finished = false)
    {
        var job = Job(id, status) with { FinishedAt = finished ? DateTimeOffset.UtcNow : null };
        Assert.Equal(WriteStatus.Created, (await host.Store.CreateAsync(Tenant, job)).Status);
    }

    private static TaggingJobRecord Job(string id, TaggingJobStatus status) =>
        new(id, status, null, 2, TaggingJobRecord.DefaultPageSize, TaggingJobRecord.DefaultChunkSize, "author-1", DateTimeOffset.UtcNow);
}
