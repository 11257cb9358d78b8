using EdTech.Application.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// Releases an assessment's results: marks the assessment released (so work graded from now on is
/// released when graded), then releases every graded-not-released submission through the idempotent
/// ReleaseIfDue step, in chunks of <see cref="ChunkSize"/> run as sub-orchestrations so a large
/// assessment never makes one giant history.
/// </summary>
public sealed class ReleaseResultsOrchestrator : TaskOrchestrator<ReleaseResultsInput, ReleaseResultsResult>
{
    public const int ChunkSize = 100;

    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2));

    public override async Task<ReleaseResultsResult> RunAsync(TaskOrchestrationContext context, ReleaseResultsInput input)
    {
        var batch = await context.CallActivityAsync<ReleaseBatch>(nameof(MarkAssessmentReleasedActivity), input, Retry);
        var chunks = batch.SubmissionIds.Chunk(ChunkSize).Select((ids, n) => context.CallSubOrchestratorAsync<int>(
            nameof(ReleaseChunkOrchestrator),
            new ReleaseChunkInput(input.TenantId, ids),
            new SubOrchestrationOptions(Retry, $"{context.InstanceId}:chunk:{n}")));
        var released = await Task.WhenAll(chunks);
        return new ReleaseResultsResult(input.AssessmentId, batch.SubmissionIds.Count, released.Sum());
    }
}
