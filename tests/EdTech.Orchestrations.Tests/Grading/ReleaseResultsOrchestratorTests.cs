using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Release;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>ReleaseResultsOrchestrator in the real in-process durable engine over the real SQLite store.</summary>
public sealed class ReleaseResultsOrchestratorTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task ManualRelease_ThreeGraded_AllReleased_AssessmentMarked_SecondRunChangesNothing()
    {
        var assessment = await host.SeedAssessmentAsync("a-release", new ReleasePolicy(ReleasePolicy.Manual, null), Now.AddDays(-1));
        string[] ids = ["r-1", "r-2", "r-3"];
        foreach (var id in ids)
        {
            await host.SeedSubmissionAsync(id, assessment, Now.AddDays(-2));
            Assert.Equal(SubmissionStatus.Graded, (await host.RunAsync(id)).ReadOutputAs<Application.Grading.GradingResult>()!.Status);
        }

        var first = await RunReleaseAsync("a-release", "first");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal(new ReleaseResultsResult("a-release", 3, 3), first.ReadOutputAs<ReleaseResultsResult>());
        var marked = (await host.Store.GetAsync<AssessmentRecord>(GradingHostFixture.Tenant, "a-release"))!;
        Assert.NotNull(marked.Value.ReleasedAt);
        var after = new List<Versioned<SubmissionRecord>>();
        foreach (var id in ids)
        {
            var s = (await host.GetSubmissionAsync(id))!;
            Assert.Equal(SubmissionStatus.Released, s.Value.Status);
            Assert.Equal(7m, s.Value.Score);
            Assert.NotNull(s.Value.ReleasedAt);
            // Shown by the release step itself (no change-feed projection runs here): the student's view and the gradebook row.
            var view = (await host.Store.GetAsync<SubmissionViewRecord>(GradingHostFixture.Tenant, id))!.Value;
            Assert.Equal((SubmissionStatus.Released, 7m), (view.Status, view.Score));
            var row = (await host.Store.GetAsync<GradebookEntry>(GradingHostFixture.Tenant, GradebookEntry.IdFor(s.Value.CourseId, s.Value.UserId, s.Value.AssessmentId)))!.Value;
            Assert.Equal(SubmissionStatus.Released, row.Status);
            after.Add(s);
        }

        var second = await RunReleaseAsync("a-release", "second");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(new ReleaseResultsResult("a-release", 0, 0), second.ReadOutputAs<ReleaseResultsResult>());
        Assert.Equal(marked.ETag, (await host.Store.GetAsync<AssessmentRecord>(GradingHostFixture.Tenant, "a-release"))!.ETag);
        foreach (var s in after)
        {
            Assert.Equal(s.ETag, (await host.GetSubmissionAsync(s.Value.Id))!.ETag);
        }
    }

    [Fact]
    public async Task PagedRelease_95GradedWithPageSize10_TheRunCarriesNoId_AndEachIsReleasedOnce()
    {
        var assessment = await host.SeedAssessmentAsync("a-paged", new ReleasePolicy(ReleasePolicy.Manual, null), Now.AddDays(-1));
        var ids = Enumerable.Range(0, 95).Select(i => $"pg-{i:D3}").ToList();
        foreach (var id in ids)
        {
            var accepted = (await host.SeedSubmissionAsync(id, assessment, Now.AddDays(-2))).Value;
            var graded = accepted with { Status = SubmissionStatus.Graded, RawScore = 7m, Score = 7m, GradedAt = Now.AddDays(-2) };
            await host.Store.ReplaceAsync(GradingHostFixture.Tenant, graded, ifMatch: null);
        }

        var run = await RunReleaseAsync("a-paged", "paged", pageSize: 10);

        Assert.Equal(new ReleaseResultsResult("a-paged", 95, 95), run.ReadOutputAs<ReleaseResultsResult>());
        Assert.DoesNotContain("pg-", run.SerializedInput + run.SerializedOutput, StringComparison.Ordinal);
        // Each page is one activity, whose input is its bounds: ReleaseResultsOrchestratorStepTests pins them (the engine keeps
        // no instance per page since the page sub-orchestrations went, 2026-12-08); no sub-orchestration is left behind.
        Assert.Null(await host.Client.GetInstanceAsync($"{run.InstanceId}:chunk:0"));
        foreach (var id in ids)
        {
            Assert.Equal(SubmissionStatus.Released, (await host.GetSubmissionAsync(id))!.Value.Status);
            Assert.Equal(3, host.Store.WritesOf(Containers.Submissions, id)); // seeded, graded, then released exactly once
        }
    }

    [Fact]
    public async Task PagedRelease_FivePagesWithAWriteFailingInTheThird_RetriesIt_AndReleasesEverySubmissionExactlyOnce()
    {
        var assessment = await host.SeedAssessmentAsync("a-fail", new ReleasePolicy(ReleasePolicy.Manual, null), Now.AddDays(-1));
        var ids = Enumerable.Range(0, 45).Select(i => $"mf-{i:D3}").ToList();
        foreach (var id in ids)
        {
            var accepted = (await host.SeedSubmissionAsync(id, assessment, Now.AddDays(-2))).Value;
            await host.Store.ReplaceAsync(GradingHostFixture.Tenant, accepted with { Status = SubmissionStatus.Graded, RawScore = 7m, Score = 7m, GradedAt = Now.AddDays(-2) }, ifMatch: null);
        }

        host.Store.FailNextWriteOf(Containers.Submissions, "mf-023");
        var run = await RunReleaseAsync("a-fail", "fail", pageSize: 10);

        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus}: {run.FailureDetails}");
        Assert.Equal(1, host.Store.InjectedFailures);
        Assert.Equal(45, run.ReadOutputAs<ReleaseResultsResult>()!.Pending);
        foreach (var id in ids)
        {
            var s = (await host.GetSubmissionAsync(id))!.Value;
            Assert.True(s.Status == SubmissionStatus.Released, $"{id} is {s.Status}");
            Assert.Equal(3, host.Store.WritesOf(Containers.Submissions, id)); // seeded, graded, then released exactly once
        }
    }

    [Fact]
    public async Task DerivedInstanceId_StartingAgain_IsAlreadyExists()
    {
        var assessment = await host.SeedAssessmentAsync("a-dedupe", new ReleasePolicy(ReleasePolicy.Manual, null), Now.AddDays(-1));
        await host.SeedSubmissionAsync("d-1", assessment, Now.AddDays(-2));
        await host.RunAsync("d-1");
        var workflow = new DurableReleaseWorkflow(new RegisteredDurableClientSource(host.Client), BulkPageSettings.Default);
        var input = new ReleaseResultsInput(GradingHostFixture.Tenant, "a-dedupe");

        await workflow.StartAsync(GradingHostFixture.Tenant, "a-dedupe", 7, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(input.InstanceId(7), getInputsAndOutputs: true, cts.Token);
        await workflow.StartAsync(GradingHostFixture.Tenant, "a-dedupe", 7, CancellationToken.None);
        var again = await host.Client.GetInstanceAsync(input.InstanceId(7), getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(done.CreatedAt, again!.CreatedAt);
        Assert.Equal(SubmissionStatus.Released, (await host.GetSubmissionAsync("d-1"))!.Value.Status);
    }

    private async Task<OrchestrationMetadata> RunReleaseAsync(string assessmentId, string suffix, int? pageSize = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var input = new ReleaseResultsInput(GradingHostFixture.Tenant, assessmentId, pageSize);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ReleaseResultsOrchestrator), input, new StartOrchestrationOptions($"{input.InstanceId(0)}:{suffix}"), cts.Token);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }
}
