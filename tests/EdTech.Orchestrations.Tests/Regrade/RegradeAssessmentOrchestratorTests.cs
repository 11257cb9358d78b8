using EdTech.Application.Audit;
using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Regrade;
using EdTech.Orchestrations.Tests.Grading;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Tests.Regrade;

/// <summary>RegradeAssessmentOrchestrator in the real in-process durable engine over the real SQLite store.</summary>
public sealed class RegradeAssessmentOrchestratorTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task NewKey_RegradesEveryGradedAndReleasedSubmission_AcrossChunks_AndAuditsEachChange()
    {
        var v1 = await host.SeedAssessmentAsync("rg-many", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        var count = RegradeAssessmentOrchestrator.ChunkSize + 10;
        for (var i = 0; i < count; i++)
        {
            await SeedGradedAsync($"rg-many-{i:D4}", v1, i % 2 == 0 ? SubmissionStatus.Released : SubmissionStatus.Graded);
        }

        await NewVersionAsync(v1, v1.Items[1] with { Answer = AnswerValue.OfNumber(3.2m) });

        var run = await RunAsync("rg-many", 2);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(new RegradeAssessmentResult("rg-many", 2, 2, count, count), run.ReadOutputAs<RegradeAssessmentResult>());
        for (var i = 0; i < count; i++)
        {
            var s = (await host.GetSubmissionAsync($"rg-many-{i:D4}"))!.Value;
            Assert.Equal((10m, 10m, 2), (s.Score!.Value, s.RawScore!.Value, s.GradedVersion!.Value));
            Assert.Equal(i % 2 == 0 ? SubmissionStatus.Released : SubmissionStatus.Graded, s.Status);
        }

        var audit = (await host.Store.GetAsync<AuditEntry>(GradingHostFixture.Tenant, GradeAudit.RegradeId("rg-many-0007", 2)))!.Value;
        Assert.Equal(("7", "10", "answer key changed to version 2"), (audit.Old, audit.New, audit.Reason));
    }

    [Fact]
    public async Task PagedRegrade_FiveChunksWithAWriteFailingInTheThird_RetriesIt_AndRegradesEverySubmissionExactlyOnce()
    {
        var v1 = await host.SeedAssessmentAsync("rg-fail", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        var ids = Enumerable.Range(0, 45).Select(i => $"rg-fail-{i:D3}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await SeedGradedAsync(id, v1, i % 2 == 0 ? SubmissionStatus.Released : SubmissionStatus.Graded);
        }

        await NewVersionAsync(v1, v1.Items[1] with { Answer = AnswerValue.OfNumber(3.2m) });
        host.Store.FailNextWriteOf(Containers.Submissions, "rg-fail-023");

        var run = await RunAsync("rg-fail", 2, pageSize: 10);

        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus}: {run.FailureDetails}");
        Assert.Equal(1, host.Store.InjectedFailures);
        var result = run.ReadOutputAs<RegradeAssessmentResult>()!;
        Assert.Equal((5, 45), (result.Chunks, result.Seen));
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var s = (await host.GetSubmissionAsync(id))!.Value;
            Assert.Equal((10m, 2), (s.Score!.Value, s.GradedVersion!.Value));
            Assert.Equal(i % 2 == 0 ? SubmissionStatus.Released : SubmissionStatus.Graded, s.Status);
            Assert.Equal(2, host.Store.WritesOf(Containers.Submissions, id)); // seeded, then regraded exactly once
            Assert.NotNull(await host.Store.GetAsync<AuditEntry>(GradingHostFixture.Tenant, GradeAudit.RegradeId(id, 2)));
        }
    }

    [Fact]
    public async Task RunningTheSameVersionAgain_WritesNothing_AndStartingItTwice_IsOneInstance()
    {
        var v1 = await host.SeedAssessmentAsync("rg-again", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        await SeedGradedAsync("rg-again-1", v1, SubmissionStatus.Released);
        await NewVersionAsync(v1, v1.Items[1] with { Answer = AnswerValue.OfNumber(3.2m) });
        var workflow = new DurableRegradeWorkflow(new RegisteredDurableClientSource(host.Client), BulkPageSettings.Default);
        var input = new RegradeAssessmentInput(GradingHostFixture.Tenant, "rg-again", 2);
        Assert.Equal($"{GradingHostFixture.Tenant}:regrade:rg-again:v2", input.InstanceId);

        await workflow.StartAsync(GradingHostFixture.Tenant, "rg-again", 2, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await host.Client.WaitForInstanceCompletionAsync(input.InstanceId, getInputsAndOutputs: true, cts.Token);
        await workflow.StartAsync(GradingHostFixture.Tenant, "rg-again", 2, CancellationToken.None);
        var regraded = (await host.GetSubmissionAsync("rg-again-1"))!;
        var writes = host.Store.WritesOf(Containers.Submissions, "rg-again-1");

        var rerun = await RunAsync("rg-again", 2, suffix: "rerun");

        Assert.Equal(first.CreatedAt, (await host.Client.GetInstanceAsync(input.InstanceId, cts.Token))!.CreatedAt);
        Assert.Equal(new RegradeAssessmentResult("rg-again", 2, 1, 1, 1), first.ReadOutputAs<RegradeAssessmentResult>());
        Assert.Equal(new RegradeAssessmentResult("rg-again", 2, 1, 1, 0), rerun.ReadOutputAs<RegradeAssessmentResult>());
        Assert.Equal(10m, regraded.Value.Score);
        Assert.Equal(regraded.ETag, (await host.GetSubmissionAsync("rg-again-1"))!.ETag);
        Assert.Equal(writes, host.Store.WritesOf(Containers.Submissions, "rg-again-1"));
    }

    [Fact]
    public async Task Regrade_KeepsEssayScoresAndTeacherOverrides_AndReappliesTheStoredLatePenalty()
    {
        var v1 = await host.SeedAssessmentAsync("rg-manual", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(-10),
            new LatePolicy(10, 50), withEssay: true);
        // q1 right (2), q2 wrong but overridden by a teacher to 1, q3 right (5), essay scored 6 by hand: raw 14, one day late (-10%).
        var submission = NewSubmission("rg-manual-1", v1, SubmissionStatus.Released, Now.AddDays(-9).AddHours(-1)) with
        {
            ItemScores = [new("q1", 2, 2), new("q2", 1, 3, "partial", Overridden: true), new("q3", 5, 5), new("q4", 6, 10, "good")],
            RawScore = 14, Score = 12.6m,
        };
        Assert.True(submission.Late);
        await host.Store.CreateAsync(GradingHostFixture.Tenant, submission);
        // Version 2: q1's key moves to "3" (the student loses it), q3 now 6 points.
        await NewVersionAsync(v1, v1.Items[0] with { Answer = AnswerValue.OfText("3") }, v1.Items[2] with { Points = 6 });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await RunAsync("rg-manual", 2)).RuntimeStatus);

        var s = (await host.GetSubmissionAsync("rg-manual-1"))!.Value;
        Assert.Equal(
            [new ItemScore("q1", 0, 2), new ItemScore("q2", 1, 3, "partial", Overridden: true), new ItemScore("q3", 6, 6), new ItemScore("q4", 6, 10, "good")],
            s.ItemScores);
        Assert.Equal((13m, 11.7m, 21m), (s.RawScore!.Value, s.Score!.Value, s.MaxScore));
        Assert.Equal(SubmissionStatus.Released, s.Status);
    }

    [Fact]
    public async Task GradeSubmission_OfWorkGradedUnderAnOlderKey_CatchesUpWithTheCurrentVersion()
    {
        var v1 = await host.SeedAssessmentAsync("rg-catch-up", new ReleasePolicy(ReleasePolicy.Immediate, null), Now.AddDays(1));
        await SeedGradedAsync("rg-catch-up-1", v1, SubmissionStatus.Released);
        await NewVersionAsync(v1, v1.Items[1] with { Answer = AnswerValue.OfNumber(3.2m) });

        var run = await host.RunAsync("rg-catch-up-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var s = (await host.GetSubmissionAsync("rg-catch-up-1"))!.Value;
        Assert.Equal((10m, 2, SubmissionStatus.Released), (s.Score!.Value, s.GradedVersion!.Value, s.Status));
        Assert.NotNull(await host.Store.GetAsync<AuditEntry>(GradingHostFixture.Tenant, GradeAudit.RegradeId("rg-catch-up-1", 2)));
    }

    private async Task SeedGradedAsync(string id, Assessment assessment, SubmissionStatus status)
    {
        var (written, _) = await host.Store.CreateAsync(GradingHostFixture.Tenant, NewSubmission(id, assessment, status, Now.AddMinutes(-5)));
        Assert.Equal(WriteStatus.Created, written);
    }

    /// <summary>A graded submission of the fixture's answers (q1 and q3 right, q2 = 3.2 wrong): 7 of 10.</summary>
    private static SubmissionRecord NewSubmission(string id, Assessment assessment, SubmissionStatus status, DateTimeOffset receivedAt)
    {
        List<SubmittedAnswer> answers = [new("q1", AnswerValue.OfText("4")), new("q2", AnswerValue.OfNumber(3.2m)), new("q3", AnswerValue.OfText(" paris "))];
        if (assessment.Items.Any(i => i.Type == ItemType.Essay))
        {
            answers.Add(new("q4", AnswerValue.OfText("Because.")));
        }

        return new SubmissionRecord(id, assessment.Id, 1, GradingHostFixture.CourseId, "student-1", answers, receivedAt, assessment.IsLate(receivedAt), status,
            assessment.MaxScore, ItemScores: [new("q1", 2, 2), new("q2", 0, 3), new("q3", 5, 5)], RawScore: 7, Score: 7, GradedAt: receivedAt,
            ReleasedAt: status == SubmissionStatus.Released ? receivedAt : null, GradedVersion: 1);
    }

    /// <summary>What the edit use case does: freeze version 1, move the current record to version 2 with the changed items.</summary>
    private async Task NewVersionAsync(Assessment v1, params AssessmentItem[] changed)
    {
        var stored = (await host.Store.GetAsync<AssessmentRecord>(GradingHostFixture.Tenant, v1.Id))!;
        await host.Store.ReplaceAsync(GradingHostFixture.Tenant, AssessmentVersionRecord.Of(stored.Value, Now), ifMatch: null);
        var items = v1.Items.Select(i => changed.FirstOrDefault(c => c.Id == i.Id) ?? i).ToList();
        var (status, _) = await host.Store.ReplaceAsync(GradingHostFixture.Tenant, stored.Value with { Version = 2, Assessment = v1 with { Items = items } }, stored.ETag);
        Assert.Equal(WriteStatus.Replaced, status);
    }

    private async Task<OrchestrationMetadata> RunAsync(string assessmentId, int version, string? suffix = null, int? pageSize = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var input = new RegradeAssessmentInput(GradingHostFixture.Tenant, assessmentId, version, pageSize);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RegradeAssessmentOrchestrator), input, new StartOrchestrationOptions(suffix is null ? input.InstanceId : $"{input.InstanceId}:{suffix}"), cts.Token);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }
}
