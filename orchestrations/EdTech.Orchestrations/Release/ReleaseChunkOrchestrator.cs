using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// One page of a release: one activity releases its submissions (an activity per submission cost the engine
/// more than the work itself at 100k); returns how many are released.
/// </summary>
public sealed class ReleaseChunkOrchestrator : TaskOrchestrator<ReleaseChunkInput, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, ReleaseChunkInput input) =>
        context.CallActivityAsync<int>(nameof(ReleaseSubmissionsActivity), input, ReleaseResultsOrchestrator.Retry);
}
