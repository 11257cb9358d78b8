using EdTech.Application.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Grading;

/// <summary>
/// Starts a GradeSubmission workflow per submission through the durable client (<see cref="IGradingWorkflow.StartAsync"/>: the
/// same idempotent start the change-feed handler used to make), so each waits for its review on its own. Works alike on every
/// backend (the LocalHost's in-memory and Azure Storage engines, the Durable Task Scheduler): it is a plain client call, an
/// existing instance counting as started. In the Functions app the activity's shell binds its [DurableClient] first.
/// </summary>
public sealed class StartSubmissionGradingActivity(IGradingWorkflow workflow) : TaskActivity<GradeBatchInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, GradeBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await Task.WhenAll(input.SubmissionIds.Select(id => input.AwaitingReview
            ? workflow.StartReviewWaitAsync(input.TenantId, id, CancellationToken.None)
            : workflow.StartAsync(input.TenantId, id, CancellationToken.None))).ConfigureAwait(false);
        return input.SubmissionIds.Count;
    }
}
