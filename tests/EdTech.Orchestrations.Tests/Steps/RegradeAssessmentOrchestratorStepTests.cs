using EdTech.Application.Grading.Regrade;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Regrade;
using EdTech.Orchestrations.Runs;

namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>
/// RegradeAssessment's paging, chunk bounds, totals and its last step (completing the workflow run) step by step;
/// Regrade/RegradeAssessmentOrchestratorTests runs it on the engine and the real store, retries included.
/// </summary>
public sealed class RegradeAssessmentOrchestratorStepTests
{
    private static readonly TenantId Tenant = new("school-1");
    private const string InstanceId = "school-1:regrade:a-1:v2";
    private const string Course = "algebra-1";

    [Fact]
    public async Task RunAsync_25SubmissionsInPagesOf10_ThreeChunksWithTheirBounds_TotalsAndFinishesTheRun()
    {
        var ids = ReleaseResultsOrchestratorStepTests.Ids(25);
        // Each chunk regrades all but one of its submissions (one was already at the version).
        var context = Context(ids, Course, c => new RegradeChunkResult(Count(ids, c), Count(ids, c) - 1));

        var result = await new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, 10));

        Assert.Equal(new RegradeAssessmentResult("a-1", 2, 3, 25, 22), result);
        Assert.Equal([.. Enumerable.Range(0, 3).SelectMany(_ => new[] { nameof(ListRegradePageActivity), nameof(RegradeChunkActivity) }), nameof(FinishWorkflowRunActivity)],
            context.Steps.Select(s => s.Name));
        Assert.Equal(
            [new(Tenant, "a-1", null, 10), new(Tenant, "a-1", "s-010", 10), new RegradePageInput(Tenant, "a-1", "s-020", 10)],
            context.InputsOf<RegradePageInput>(nameof(ListRegradePageActivity)));
        Assert.Equal(
            [new(Tenant, Course, "a-1", 2, null, "s-010", 10), new(Tenant, Course, "a-1", 2, "s-010", "s-020", 10), new RegradeChunkInput(Tenant, Course, "a-1", 2, "s-020", "s-025", 10)],
            context.InputsOf<RegradeChunkInput>(nameof(RegradeChunkActivity)));
        Assert.Equal([new FinishWorkflowRunInput(Tenant, WorkflowRunRecord.RegradeId("a-1", 2), "regraded 22 of 25")],
            context.InputsOf<FinishWorkflowRunInput>(nameof(FinishWorkflowRunActivity)));
        Assert.All(context.Steps, s => Assert.True(s.Options?.Retry?.Policy?.MaxNumberOfAttempts > 1, $"{s.Name} retries"));
        Assert.Equal(["Information: Regrade of a-1 v2: 22 of 25 submissions in 3 chunks"], context.Logs);
    }

    [Fact]
    public async Task RunAsync_ExactlyTwoFullPages_ListsOnceMoreToFindTheEnd_TwoChunks()
    {
        var ids = ReleaseResultsOrchestratorStepTests.Ids(20);
        var context = Context(ids, Course);

        var result = await new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, 10));

        Assert.Equal(new RegradeAssessmentResult("a-1", 2, 2, 20, 20), result);
        Assert.Equal([null, "s-010", "s-020"], context.InputsOf<RegradePageInput>(nameof(ListRegradePageActivity)).Select(p => p.AfterId));
        Assert.Equal(["s-010", "s-020"], context.InputsOf<RegradeChunkInput>(nameof(RegradeChunkActivity)).Select(c => c.ThroughId));
    }

    [Fact]
    public async Task RunAsync_NoSubmissions_NoChunk_StillFinishesTheRun()
    {
        var context = Context([], Course);

        var result = await new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, 10));

        Assert.Equal(new RegradeAssessmentResult("a-1", 2, 0, 0, 0), result);
        Assert.Equal([nameof(ListRegradePageActivity), nameof(FinishWorkflowRunActivity)], context.Steps.Select(s => s.Name));
        Assert.Equal("regraded 0 of 0", context.InputsOf<FinishWorkflowRunInput>(nameof(FinishWorkflowRunActivity)).Single().Outcome);
    }

    [Fact]
    public async Task RunAsync_AssessmentGone_NoChunk_StillFinishesTheRun()
    {
        var context = Context(ReleaseResultsOrchestratorStepTests.Ids(5), courseId: null);

        var result = await new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, 10));

        Assert.Equal(new RegradeAssessmentResult("a-1", 2, 0, 0, 0), result);
        Assert.Equal([nameof(ListRegradePageActivity), nameof(FinishWorkflowRunActivity)], context.Steps.Select(s => s.Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task RunAsync_NoPositivePageSize_UsesTheChunkSize(int? pageSize)
    {
        var ids = ReleaseResultsOrchestratorStepTests.Ids(RegradeAssessmentOrchestrator.ChunkSize + 1);
        var context = Context(ids, Course);

        var result = await new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, pageSize));

        Assert.Equal(new RegradeAssessmentResult("a-1", 2, 2, ids.Count, ids.Count), result);
        Assert.All(context.InputsOf<RegradePageInput>(nameof(ListRegradePageActivity)), p => Assert.Equal(RegradeAssessmentOrchestrator.ChunkSize, p.Size));
        Assert.Equal([RegradeAssessmentOrchestrator.ChunkSize, RegradeAssessmentOrchestrator.ChunkSize],
            context.InputsOf<RegradeChunkInput>(nameof(RegradeChunkActivity)).Select(c => c.PageSize));
    }

    [Theory]
    [InlineData(null, RegradeAssessmentOrchestrator.DefaultPagesInFlight)]
    [InlineData(-1, RegradeAssessmentOrchestrator.DefaultPagesInFlight)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public async Task RunAsync_PagesInFlight_NeverMoreChunksAtOnce_AllChunksCounted(int? pagesInFlight, int cap)
    {
        // No synchronization context: completing a chunk runs the orchestrator on to its next await before SetResult returns.
        SynchronizationContext.SetSynchronizationContext(null);
        var ids = ReleaseResultsOrchestratorStepTests.Ids(12);
        var inFlight = new List<(RegradeChunkInput Chunk, TaskCompletionSource<RegradeChunkResult> Done)>();
        var maxInFlight = 0;
        var context = Context(ids, Course).OnPending<RegradeChunkInput, RegradeChunkResult>(nameof(RegradeChunkActivity), c =>
        {
            var done = new TaskCompletionSource<RegradeChunkResult>();
            inFlight.Add((c, done));
            maxInFlight = Math.Max(maxInFlight, inFlight.Count);
            return done.Task;
        });

        var run = new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, 1, pagesInFlight));
        Assert.Equal(Math.Min(cap, ids.Count), inFlight.Count);
        while (!run.IsCompleted && inFlight.Count > 0)
        {
            var (chunk, done) = inFlight[0];
            inFlight.RemoveAt(0);
            done.SetResult(new RegradeChunkResult(Count(ids, chunk), 1));
        }

        Assert.Equal(new RegradeAssessmentResult("a-1", 2, 12, 12, 12), await run);
        Assert.Equal(Math.Min(cap, ids.Count), maxInFlight);
        Assert.Equal("regraded 12 of 12", context.InputsOf<FinishWorkflowRunInput>(nameof(FinishWorkflowRunActivity)).Single().Outcome);
    }

    [Fact]
    public async Task RunAsync_AChunkFailsForGood_FailsTheRegrade_AndLeavesTheRunOpen()
    {
        var ids = ReleaseResultsOrchestratorStepTests.Ids(25);
        var context = Context(ids, Course, c => c.AfterId == "s-010" ? throw new InvalidOperationException("store down") : new RegradeChunkResult(10, 10));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new RegradeAssessmentOrchestrator().RunAsync(context, new RegradeAssessmentInput(Tenant, "a-1", 2, 10)));

        // The reconciler re-drives a run that was never completed.
        Assert.DoesNotContain(context.Steps, s => s.Name == nameof(FinishWorkflowRunActivity));
    }

    private static int Count(List<string> ids, RegradeChunkInput chunk) =>
        ids.Count(id => (chunk.AfterId is null || string.CompareOrdinal(id, chunk.AfterId) > 0) && string.CompareOrdinal(id, chunk.ThroughId) <= 0);

    private static ScriptedOrchestrationContext Context(List<string> ids, string? courseId, Func<RegradeChunkInput, RegradeChunkResult>? regraded = null) =>
        new ScriptedOrchestrationContext(InstanceId, new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc))
            .On<RegradePageInput, RegradePage>(nameof(ListRegradePageActivity), p =>
            {
                // As SubmissionRegrader.NextPageAsync: no course when the assessment is gone; no through id past the end.
                if (courseId is null)
                {
                    return new RegradePage(null, null, 0);
                }

                var page = ReleaseResultsOrchestratorStepTests.PageAfter(ids, p.AfterId, p.Size);
                return new RegradePage(courseId, page.Count == 0 ? null : page[^1], page.Count);
            })
            .On<RegradeChunkInput, RegradeChunkResult>(nameof(RegradeChunkActivity), regraded ?? (c => new RegradeChunkResult(Count(ids, c), Count(ids, c))))
            .On<FinishWorkflowRunInput, bool>(nameof(FinishWorkflowRunActivity), _ => true);
}
