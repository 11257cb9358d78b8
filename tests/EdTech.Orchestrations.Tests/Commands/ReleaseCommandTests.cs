using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Tests.Grading;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Commands;

/// <summary>"Release now" is durable before its 202, and the change feed starts the release from that record.</summary>
public sealed class ReleaseCommandTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly TenantId Tenant = GradingHostFixture.Tenant;

    [Fact]
    public async Task Release_WritesTheReleaseRecordAndReleasedAtBeforeAnswering_StartsNothing_RepeatChangesNothing_AuditOnce()
    {
        await SeedGradedAsync("rc-once", 3);
        var handler = new ReleaseAssessmentHandler(host.Store, new AuditLog(host.Store), Releaser(), TimeProvider.System);
        var teacher = new Caller(Tenant, "teacher-1", new HashSet<string> { Roles.Teacher });

        var first = await handler.HandleAsync(teacher, "rc-once", CancellationToken.None);
        var marked = (await host.Store.GetAsync<AssessmentRecord>(Tenant, "rc-once"))!;
        var record = (await host.Store.GetAsync<AssessmentReleaseRecord>(Tenant, "rc-once"))!;
        var second = await handler.HandleAsync(teacher, "rc-once", CancellationToken.None);

        Assert.Equal(new ReleaseAccepted("rc-once", ReleaseAssessmentHandler.Releasing), first.Value);
        Assert.Equal(first.Value, second.Value);
        Assert.NotNull(marked.Value.ReleasedAt);
        Assert.Equal(marked.ETag, (await host.Store.GetAsync<AssessmentRecord>(Tenant, "rc-once"))!.ETag);
        Assert.Equal(record.ETag, (await host.Store.GetAsync<AssessmentReleaseRecord>(Tenant, "rc-once"))!.ETag);
        Assert.Equal(1, host.Store.WritesOf(Containers.Audit, GradeAudit.AssessmentReleaseId("rc-once")));
        // The submissions are flipped by ReleaseResults, which the handler no longer starts itself.
        Assert.All(await PendingAsync("rc-once"), s => Assert.Equal(SubmissionStatus.Graded, TypedDocumentStore.Read<SubmissionRecord>(s).Value.Status));
    }

    [Fact]
    public async Task Release_OfAnUnknownAssessment_Is404_AndWritesNothing()
    {
        var handler = new ReleaseAssessmentHandler(host.Store, new AuditLog(host.Store), Releaser(), TimeProvider.System);

        var outcome = await handler.HandleAsync(new Caller(Tenant, "teacher-1", new HashSet<string> { Roles.Teacher }), "rc-missing", CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Null(await host.Store.GetAsync<AssessmentReleaseRecord>(Tenant, "rc-missing"));
    }

    [Fact]
    public async Task StartRelease_MarkedAssessmentWithGradedWork_StartsItsGeneration_RedeliveryIsTheSameInstance()
    {
        await SeedGradedAsync("rc-start", 3);
        await Releaser().MarkReleasedAsync(Tenant, "rc-start", CancellationToken.None);
        var change = (await host.Store.GetAsync(Tenant, Containers.Assessments, "rc-start"))!;
        var generation = ResultsReleaser.Generation(await PendingAsync("rc-start"));
        var workflow = new Mock<IReleaseWorkflow>(MockBehavior.Strict);
        workflow.Setup(w => w.StartAsync(Tenant, "rc-start", generation, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var handler = new StartReleaseOnRequest(host.Store, workflow.Object);

        await handler.HandleAsync([change], CancellationToken.None);
        await handler.HandleAsync([change, change], CancellationToken.None);

        Assert.True(generation > 0);
        workflow.Verify(w => w.StartAsync(Tenant, "rc-start", generation, It.IsAny<CancellationToken>()), Times.Exactly(2));
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task StartRelease_UnmarkedOrNothingPendingOrDeletedSince_StartsNothing()
    {
        await SeedGradedAsync("rc-unmarked", 2);
        await SeedGradedAsync("rc-empty", 0);
        await Releaser().MarkReleasedAsync(Tenant, "rc-empty", CancellationToken.None);
        await SeedGradedAsync("rc-gone", 2);
        await Releaser().MarkReleasedAsync(Tenant, "rc-gone", CancellationToken.None);
        var changes = new List<StoredDocument>();
        foreach (var id in new[] { "rc-unmarked", "rc-empty", "rc-gone" })
        {
            changes.Add((await host.Store.GetAsync(Tenant, Containers.Assessments, id))!);
        }

        Assert.True(await host.Store.DeleteAsync(Tenant, Containers.Assessments, "rc-gone"));
        var workflow = new Mock<IReleaseWorkflow>(MockBehavior.Strict);

        await new StartReleaseOnRequest(host.Store, workflow.Object).HandleAsync(changes, CancellationToken.None);

        workflow.VerifyNoOtherCalls();
    }

    private ResultsReleaser Releaser() => new(host.Store, TimeProvider.System, NullLogger<ResultsReleaser>.Instance);

    private Task<IReadOnlyList<StoredDocument>> PendingAsync(string assessmentId) =>
        ResultsReleaser.PendingAsync(host.Store, Tenant, GradingHostFixture.CourseId, assessmentId, CancellationToken.None);

    private async Task SeedGradedAsync(string assessmentId, int submissions)
    {
        var assessment = await host.SeedAssessmentAsync(assessmentId, new ReleasePolicy(ReleasePolicy.Manual, null), Now.AddDays(1));
        for (var i = 0; i < submissions; i++)
        {
            var record = new SubmissionRecord($"{assessmentId}-{i}", assessmentId, 1, GradingHostFixture.CourseId, $"student-{i}", [], Now.AddMinutes(-5), false,
                SubmissionStatus.Graded, assessment.MaxScore, Score: 7m, RawScore: 7m);
            Assert.Equal(WriteStatus.Created, (await host.Store.CreateAsync(Tenant, record)).Status);
        }
    }
}
