using System.Text.Json;
using EdTech.Application.Content.Tagging;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Tagging;

namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>
/// The tagging job's fan-out step by step, with chunk activities left in flight until the test completes them: the cap
/// on chunks in flight, one page per execution (continue-as-new), and inputs that never carry the items.
/// Tagging/TaggingJobOrchestratorTests runs it on the engine and the real store.
/// </summary>
public sealed class TaggingJobOrchestratorStepTests
{
    private static readonly TenantId Tenant = new("school-1");
    private static readonly DateTime Now = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(16, false)]
    public async Task RunAsync_50ItemsInPagesOf20_NeverMoreChunksInFlightThanTheCap_EveryChunkOnce_OnePagePerExecution(int cap, bool newestFirst)
    {
        // No synchronization context: completing a chunk runs the orchestrator on to its next await before SetResult returns.
        SynchronizationContext.SetSynchronizationContext(null);
        // 50 items in pages of 20 (20, 20, 10) and chunks of 5: 4, 4 and 2 chunks; chunk 2 of a page has one failed item.
        TaggingJobInput? input = new(Tenant, "job-1", Total: 50, PageSize: 20, ChunkSize: 5, MaxConcurrentChunks: cap);
        var started = new List<(int Page, int Chunk)>();
        var continued = new List<TaggingJobInput>();
        var stepInputs = new List<object?>();
        var maxInFlight = 0;
        var done = 0;
        var failed = 0;
        TaggingJobResult? result = null;
        var executions = 0;
        while (input is not null && executions < 10)
        {
            var inFlight = new List<(int Page, int Chunk, TaskCompletionSource<TaggingProgress> Done)>();
            var finishedJob = false;
            var context = new ScriptedOrchestrationContext(input.InstanceId, Now)
                .On<TaggingJobStatusInput, bool>(nameof(MarkTaggingJobRunningActivity), _ => true)
                .OnPending<TaggingChunkInput, TaggingProgress>(nameof(TagItemsChunkActivity), c =>
                {
                    started.Add((c.Page, c.Chunk));
                    var chunk = new TaskCompletionSource<TaggingProgress>();
                    inFlight.Add((c.Page, c.Chunk, chunk));
                    maxInFlight = Math.Max(maxInFlight, inFlight.Count);
                    return chunk.Task;
                })
                .On<TaggingPageInput, TaggingProgress>(nameof(FinishTaggingPageActivity), p =>
                {
                    Assert.Empty(inFlight); // a page is folded only when all its chunks are finished
                    return new TaggingProgress(done, failed);
                })
                .On<TaggingJobStatusInput, bool>(nameof(FinishTaggingJobActivity), s =>
                {
                    Assert.Null(s.Error);
                    finishedJob = true;
                    return true;
                });

            var run = new TaggingJobOrchestrator().RunAsync(context, input);
            while (!run.IsCompleted && inFlight.Count > 0)
            {
                var (page, n, chunk) = newestFirst ? inFlight[^1] : inFlight[0];
                inFlight.RemoveAt(newestFirst ? inFlight.Count - 1 : 0);
                var items = Math.Min(5, 50 - (page * 20) - (n * 5));
                var errors = n == 2 ? 1 : 0;
                done += items;
                failed += errors;
                chunk.SetResult(new TaggingProgress(items, errors));
            }

            Assert.True(run.IsCompleted, "the execution waits on nothing the test can complete");
            result = await run;
            stepInputs.AddRange(context.Steps.Select(s => s.Input));
            input = context.ContinuedWith as TaggingJobInput;
            Assert.Equal(input is null, finishedJob); // only the last page's execution completes the job
            if (input is not null)
            {
                continued.Add(input);
            }

            executions++;
        }

        Assert.Equal(3, executions);
        Assert.InRange(maxInFlight, 1, cap);
        Assert.Equal(Math.Min(cap, 4), maxInFlight); // the cap is used, not just respected
        Assert.Equal([(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1)], started.Order());
        Assert.Equal(started.Count, started.Distinct().Count());
        Assert.Equal([(1, 20, 1), (2, 40, 2)], continued.Select(c => (c.Page, c.Done, c.Failed)));
        Assert.Equal(new TaggingJobResult("job-1", 50, 2), result);
        // No step input (nor the continued input) carries the items: only ids and counts.
        Assert.All(stepInputs.Concat(continued), i => Assert.InRange(JsonSerializer.Serialize(i).Length, 1, 300));
    }

    [Fact]
    public async Task RunAsync_ReDrivenAfterItsLastPage_OnlyFinishesTheJob()
    {
        var context = new ScriptedOrchestrationContext("school-1:tagging:job-1", Now)
            .On<TaggingJobStatusInput, bool>(nameof(MarkTaggingJobRunningActivity), _ => true)
            .On<TaggingJobStatusInput, bool>(nameof(FinishTaggingJobActivity), _ => true);

        var result = await new TaggingJobOrchestrator().RunAsync(context, new TaggingJobInput(Tenant, "job-1", 40, 20, 5, 4, Page: 2, Done: 40, Failed: 3));

        Assert.Equal(new TaggingJobResult("job-1", 40, 3), result);
        Assert.Equal([nameof(MarkTaggingJobRunningActivity), nameof(FinishTaggingJobActivity)], context.Steps.Select(s => s.Name));
        Assert.Null(context.ContinuedWith);
    }

    [Fact]
    public async Task RunAsync_EveryStepRetries()
    {
        var context = new ScriptedOrchestrationContext("school-1:tagging:job-1", Now)
            .On<TaggingJobStatusInput, bool>(nameof(MarkTaggingJobRunningActivity), _ => true)
            .On<TaggingChunkInput, TaggingProgress>(nameof(TagItemsChunkActivity), _ => new TaggingProgress(5, 0))
            .On<TaggingPageInput, TaggingProgress>(nameof(FinishTaggingPageActivity), _ => new TaggingProgress(10, 0))
            .On<TaggingJobStatusInput, bool>(nameof(FinishTaggingJobActivity), _ => true);

        await new TaggingJobOrchestrator().RunAsync(context, new TaggingJobInput(Tenant, "job-1", 10, 20, 5, 4));

        Assert.Equal(5, context.Steps.Count);
        Assert.All(context.Steps, s => Assert.True(s.Options?.Retry?.Policy?.MaxNumberOfAttempts > 1, $"{s.Name} retries"));
    }
}
