using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>
/// Grades a chunk of one tenant's accepted submissions in one activity (one durable step for up to Grading:BatchSize
/// submissions instead of a workflow each), releasing those whose policy is due. Work that waits (human review, its reminder
/// timers) is not done here: the submissions awaiting review are handed to their own <see cref="GradeSubmissionOrchestrator"/>,
/// started through the durable client by <see cref="StartSubmissionGradingActivity"/> (idempotent instance ids; started with
/// AlreadyGraded it goes straight to the review wait, no second auto-grade step). Not a sub-orchestration: this instance would have to wait
/// for days of review, or end with children it never awaited, which the backends treat differently, and a sub-orchestration
/// cannot say "an instance with this id already exists, fine" the way the client's dedupe statuses do on every backend.
/// If the batch step still fails after its retries (one submission that cannot be graded, e.g. its assessment is missing),
/// every submission of the chunk is handed to its own workflow, so the bad one holds up only itself.
/// </summary>
public sealed class GradeBatchOrchestrator : TaskOrchestrator<GradeBatchInput, GradeBatchResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2));

    public override async Task<GradeBatchResult> RunAsync(TaskOrchestrationContext context, GradeBatchInput input)
    {
        var logger = context.CreateReplaySafeLogger<GradeBatchOrchestrator>();
        GradeBatchResult result;
        var graded = false;
        try
        {
            result = await context.CallActivityAsync<GradeBatchResult>(nameof(GradeBatchActivity), input, Retry);
            graded = true;
        }
        catch (TaskFailedException e)
        {
            logger.LogWarning("Grading batch {InstanceId} of {Count} failed after its retries ({Error}); each submission goes to its own workflow",
                context.InstanceId, input.SubmissionIds.Count, e.FailureDetails.ErrorMessage);
            result = new GradeBatchResult(0, 0, 0, input.SubmissionIds);
        }

        if (result.StartedAlone.Count > 0)
        {
            await context.CallActivityAsync<int>(nameof(StartSubmissionGradingActivity), input with { SubmissionIds = result.StartedAlone, AwaitingReview = graded }, Retry);
        }

        return result;
    }
}
