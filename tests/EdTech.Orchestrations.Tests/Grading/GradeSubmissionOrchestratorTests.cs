using EdTech.Application.Audit;
using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Grading;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>GradeSubmissionOrchestrator in a real in-process durable engine, over the real SQLite store and SubmissionGrader.</summary>
public sealed class GradeSubmissionOrchestratorTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly ReleasePolicy Immediate = new(ReleasePolicy.Immediate, null);
    private static readonly ReleasePolicy Manual = new(ReleasePolicy.Manual, null);

    [Fact]
    public async Task ImmediateRelease_OnTimeSubmission_IsReleasedWithRawScore()
    {
        var assessment = await host.SeedAssessmentAsync("a-immediate", Immediate, Now.AddDays(1));
        await host.SeedSubmissionAsync("s-immediate", assessment, Now);

        var run = await host.RunAsync("s-immediate");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(new GradingResult("s-immediate", SubmissionStatus.Released, 7m, 10m), run.ReadOutputAs<GradingResult>());
        var stored = (await host.GetSubmissionAsync("s-immediate"))!.Value;
        Assert.Equal(SubmissionStatus.Released, stored.Status);
        Assert.Equal(7m, stored.RawScore);
        Assert.Equal(7m, stored.Score);
        Assert.False(stored.Late);
        Assert.NotNull(stored.GradedAt);
        Assert.NotNull(stored.ReleasedAt);
        Assert.Equal([2m, 0m, 5m], stored.ItemScores!.Select(s => s.Score!.Value));
    }

    [Fact]
    public async Task LateSubmission_WithLatePolicy_IsPenalisedPerStartedDayAndMarkedLate()
    {
        // Due three days ago, received 1.5 days after the deadline: two started days at 10% → 80% of 7.
        var dueAt = Now.AddDays(-3);
        var assessment = await host.SeedAssessmentAsync("a-late", Immediate, dueAt, new LatePolicy(10, 50));
        await host.SeedSubmissionAsync("s-late", assessment, dueAt.AddHours(36));

        var run = await host.RunAsync("s-late");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var stored = (await host.GetSubmissionAsync("s-late"))!.Value;
        Assert.Equal(SubmissionStatus.Released, stored.Status);
        Assert.True(stored.Late);
        Assert.Equal(7m, stored.RawScore);
        Assert.Equal(5.6m, stored.Score);
    }

    [Fact]
    public async Task EssayItem_GoesToAwaitingReview_WithoutScoreAndUnreleased_AndTheWorkflowWaitsForReview()
    {
        var assessment = await host.SeedAssessmentAsync("a-essay", Immediate, Now.AddDays(1), withEssay: true);
        await host.SeedSubmissionAsync("s-essay", assessment, Now);

        await host.Store.CreateAsync(GradingHostFixture.Tenant,
            new EnrollmentRecord(EnrollmentRecord.IdFor(GradingHostFixture.CourseId, "teacher-essay"), GradingHostFixture.CourseId, "teacher-essay", Roles.Teacher, Now));

        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GradeSubmissionOrchestrator),
            new GradeSubmissionInput(GradingHostFixture.Tenant, "s-essay", ReviewReminderAfter: TimeSpan.FromMilliseconds(200)));

        // The positive signal that the orchestrator chose to wait for review after the grading step: only that wait sends reminders.
        await FirstReminderAsync("s-essay");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(instance))!.RuntimeStatus);
        await host.Client.TerminateInstanceAsync(instance);
        var stored = (await host.GetSubmissionAsync("s-essay"))!.Value;
        Assert.Equal(SubmissionStatus.AwaitingReview, stored.Status);
        Assert.Null(stored.Score);
        Assert.Null(stored.RawScore);
        Assert.Null(stored.GradedAt);
        Assert.Null(stored.ReleasedAt);
        // The auto-graded items are scored; only the essay waits for a human.
        Assert.Null(stored.ItemScores!.Single(s => s.ItemId == "q4").Score);
        // The seed and the grading step; no release step ran.
        Assert.Equal(2, host.Store.WritesOf(Containers.Submissions, "s-essay"));
    }

    [Fact]
    public async Task AlreadyGraded_StartedByABatch_SkipsTheAutoGradeStepAndWaitsForReview()
    {
        var assessment = await host.SeedAssessmentAsync("a-batched", Immediate, Now.AddDays(1), withEssay: true);
        await host.SeedSubmissionAsync("s-batched", assessment, Now);

        var instance = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GradeSubmissionOrchestrator),
            new GradeSubmissionInput(GradingHostFixture.Tenant, "s-batched", AlreadyGraded: true));
        // The review wait is the only thing that consumes this event (buffered if raised before the wait begins): the run
        // completing proves the workflow went to the wait.
        await host.Client.RaiseEventAsync(instance, ReviewCompletedEvent.Name, new ReviewCompletedEvent(GradingHostFixture.Tenant, "s-batched"));
        var run = await host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        // The batch is trusted to have graded it: no auto-grade activity ran, so the seed is the only write and nothing is scored.
        Assert.Equal(1, host.Store.WritesOf(Containers.Submissions, "s-batched"));
        var stored = (await host.GetSubmissionAsync("s-batched"))!.Value;
        Assert.Equal(SubmissionStatus.Accepted, stored.Status);
        Assert.All(stored.ItemScores ?? [], s => Assert.Null(s.Score));
    }

    [Fact]
    public async Task ManualRelease_StaysGradedWithScore_UntilTeacherReleases()
    {
        var assessment = await host.SeedAssessmentAsync("a-manual", Manual, Now.AddDays(-1));
        await host.SeedSubmissionAsync("s-manual", assessment, Now.AddDays(-2));

        var run = await host.RunAsync("s-manual");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(new GradingResult("s-manual", SubmissionStatus.Graded, 7m, 10m), run.ReadOutputAs<GradingResult>());
        var stored = (await host.GetSubmissionAsync("s-manual"))!.Value;
        Assert.Equal(SubmissionStatus.Graded, stored.Status);
        Assert.Equal(7m, stored.Score);
        Assert.NotNull(stored.GradedAt);
        Assert.Null(stored.ReleasedAt);
    }

    [Fact]
    public async Task SameSubmissionTwice_UnderTwoInstanceIds_SecondRunWritesNothing()
    {
        var assessment = await host.SeedAssessmentAsync("a-twice", Immediate, Now.AddDays(1));
        var seeded = await host.SeedSubmissionAsync("s-twice", assessment, Now);

        var first = await host.RunAsync("s-twice", "school-1:grade:s-twice:first");
        var afterFirst = (await host.GetSubmissionAsync("s-twice"))!;
        var writesAfterFirst = host.Store.WritesOf(Containers.Submissions, "s-twice");
        var second = await host.RunAsync("s-twice", "school-1:grade:s-twice:second");
        var afterSecond = (await host.GetSubmissionAsync("s-twice"))!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(first.ReadOutputAs<GradingResult>(), second.ReadOutputAs<GradingResult>());
        // First run: the seed, then one write that grades and (immediate policy) releases together.
        Assert.Equal(2, writesAfterFirst);
        Assert.NotEqual(seeded.ETag, afterFirst.ETag);
        // Second run: nothing written, so ETag, sequence and content are exactly as the first run left them.
        Assert.Equal(writesAfterFirst, host.Store.WritesOf(Containers.Submissions, "s-twice"));
        Assert.Equal(afterFirst.ETag, afterSecond.ETag);
        Assert.Equal(afterFirst.Sequence, afterSecond.Sequence);
        Assert.Equal(SubmissionStatus.Released, afterSecond.Value.Status);
        Assert.Equal(7m, afterSecond.Value.Score);
        Assert.Equal(afterFirst.Value.GradedAt, afterSecond.Value.GradedAt);
        Assert.Equal(afterFirst.Value.ReleasedAt, afterSecond.Value.ReleasedAt);
    }

    [Fact]
    public async Task MissingSubmission_IsTreatedAsErased_CompletesWithoutWritingOrAuditing()
    {
        var run = await host.RunAsync("s-missing");

        // A submission disappears only by its student's erasure: grading must neither fail forever nor resurrect it.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(GradingResult.Erased("s-missing"), run.ReadOutputAs<GradingResult>());
        Assert.Equal(1, host.Store.ReadsOf(Containers.Submissions, "s-missing"));
        Assert.Equal(0, host.Store.WritesOf(Containers.Submissions, "s-missing"));
        Assert.Equal(0, host.Store.WritesOf(Containers.Audit, GradeAudit.AutoGradeId("s-missing")));
    }

    [Fact]
    public async Task SameSubmissionTwice_AuditsEachGradeChangeExactlyOnce()
    {
        var assessment = await host.SeedAssessmentAsync("a-audit", Immediate, Now.AddDays(1));
        await host.SeedSubmissionAsync("s-audit", assessment, Now);

        await host.RunAsync("s-audit", "school-1:grade:s-audit:first");
        await host.RunAsync("s-audit", "school-1:grade:s-audit:second");

        var documents = (await host.Store.QueryAsync<AuditEntry>(GradingHostFixture.Tenant, DocumentQuery.InPartition("student-1")))
            .Select(e => e.Value).Where(e => e.Resource == "s-audit").ToList();
        // Graded and released in one write: one stored document, which readers expand into the two entries.
        Assert.Single(documents);
        var entries = AuditFolds.Expand(documents);
        Assert.Equal([GradeAudit.AutoGradeId("s-audit"), GradeAudit.ReleaseId("s-audit")], entries.Select(e => e.Id).Order());
        var graded = entries.Single(e => e.Action == AuditActions.GradeChanged);
        Assert.Equal((null, "7", AuditActions.AutoGrader, "auto-graded"), (graded.Old, graded.New, graded.ActorUserId, graded.Reason));
    }

    private async Task FirstReminderAsync(string submissionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            // Notifications are not queried by kind in production (QueriedFields), so the test filters the whole set itself.
            var all = await host.Store.QueryAsync<NotificationRecord>(GradingHostFixture.Tenant, DocumentQuery.All);
            if (all.Any(n => n.Value.Kind == NotificationKinds.ReviewReminder && n.Value.Data["submissionId"] == submissionId))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No review reminder for {submissionId} in 30 s: the workflow is not waiting for review.");
            await Task.Delay(50);
        }
    }
}
