using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Records;
using EdTech.Orchestrations.Runs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Regrade;

/// <summary>
/// Regrades every graded, released or awaiting-review submission of an assessment with the answer key of
/// a new version. Pages through the submissions by an id cursor (each page step returns only its bounds)
/// and runs each page as one <see cref="RegradeChunkActivity"/> (a sub-orchestration around that activity until 2026-12-08:
/// twice the engine's work per page), at most <see cref="RegradeAssessmentInput.PagesInFlight"/> at once (<see cref="InFlightWindow{T}"/>), so 10k submissions are ~40 chunks with batched writes, never one giant
/// history, nor one orchestration per submission, nor every chunk in memory at once. Its last step
/// completes the regrade's workflow run (the record the edit wrote before answering).
/// </summary>
public sealed class RegradeAssessmentOrchestrator : TaskOrchestrator<RegradeAssessmentInput, RegradeAssessmentResult>
{
    /// <summary>The page size when the input names none (the starter passes <c>Durable:RegradePageSize</c>).</summary>
    public const int ChunkSize = 250;

    /// <summary>Chunks at once when the input does not say (<c>Durable:BulkPagesInFlight</c>).</summary>
    public const int DefaultPagesInFlight = BulkPageSettings.DefaultPagesInFlight;

    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2));

    public override async Task<RegradeAssessmentResult> RunAsync(TaskOrchestrationContext context, RegradeAssessmentInput input)
    {
        var logger = context.CreateReplaySafeLogger<RegradeAssessmentOrchestrator>();
        // Plain locals, no pattern variables: a mutant leaving one unassigned makes Stryker drop every mutant of RunAsync (docs/mutation.md).
        var size = input.PageSize.GetValueOrDefault();
        if (size <= 0)
        {
            size = ChunkSize;
        }

        var inFlight = input.PagesInFlight.GetValueOrDefault();
        if (inFlight <= 0)
        {
            inFlight = DefaultPagesInFlight;
        }

        var chunks = new InFlightWindow<RegradeChunkResult>(inFlight);
        var chunk = 0;
        string? cursor = null;
        while (true)
        {
            var page = await context.CallActivityAsync<RegradePage>(nameof(ListRegradePageActivity),
                new RegradePageInput(input.TenantId, input.AssessmentId, cursor, size), Retry);
            var courseId = page.CourseId;
            var through = page.ThroughId;
            if (courseId is null || through is null)
            {
                break;
            }

            await chunks.AddAsync(context.CallActivityAsync<RegradeChunkResult>(
                nameof(RegradeChunkActivity), new RegradeChunkInput(input.TenantId, courseId, input.AssessmentId, input.Version, cursor, through, size), Retry));
            chunk++;
            if (page.Count < size)
            {
                break;
            }

            cursor = through;
        }

        var results = await chunks.AllAsync();
        var result = new RegradeAssessmentResult(input.AssessmentId, input.Version, chunk, results.Sum(r => r.Seen), results.Sum(r => r.Regraded));
        logger.LogInformation("Regrade of {AssessmentId} v{Version}: {Regraded} of {Seen} submissions in {Chunks} chunks",
            input.AssessmentId, input.Version, result.Regraded, result.Seen, result.Chunks);
        await context.CallActivityAsync<bool>(nameof(FinishWorkflowRunActivity), new FinishWorkflowRunInput(
            input.TenantId, WorkflowRunRecord.RegradeId(input.AssessmentId, input.Version), $"regraded {result.Regraded} of {result.Seen}"), Retry);
        return result;
    }
}
