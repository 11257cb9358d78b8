using EdTech.Application.Commands;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Runs;

/// <summary>Names the <see cref="WorkflowRunRecord"/> a workflow completes as its last step (<paramref name="Outcome"/>: a short summary).</summary>
public sealed record FinishWorkflowRunInput(TenantId TenantId, string RunId, string? Outcome);

/// <summary>
/// The last step of a run-backed workflow (regrade, calibration): marks its run completed, so the reconciler stops
/// re-driving it. A run that has no record (a workflow started directly, e.g. by a test) is left alone.
/// </summary>
public sealed class FinishWorkflowRunActivity(WorkflowRuns runs) : TaskActivity<FinishWorkflowRunInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, FinishWorkflowRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await runs.FinishAsync(input.TenantId, input.RunId, WorkflowRunStatus.Completed, input.Outcome, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
