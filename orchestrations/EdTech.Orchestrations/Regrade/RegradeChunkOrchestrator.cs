using EdTech.Application.Grading.Regrade;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Regrade;

/// <summary>One chunk of a regrade, as its own sub-orchestration so its retries and history stay apart from the others'.</summary>
public sealed class RegradeChunkOrchestrator : TaskOrchestrator<RegradeChunkInput, RegradeChunkResult>
{
    public override Task<RegradeChunkResult> RunAsync(TaskOrchestrationContext context, RegradeChunkInput input) =>
        context.CallActivityAsync<RegradeChunkResult>(nameof(RegradeChunkActivity), input, RegradeAssessmentOrchestrator.Retry);
}
