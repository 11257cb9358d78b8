using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

public sealed class DurableGradingWorkflow(IDurableClientSource durable, ReviewReminderSettings review, ILogger<DurableGradingWorkflow> logger) : IGradingWorkflow
{
    public Task StartAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken)
    {
        var input = new GradeSubmissionInput(tenant, submissionId, review.ReminderAfter, review.RemindersBeforeEscalation);
        return durable.Client.TryScheduleAsync(nameof(GradeSubmissionOrchestrator), input, input.InstanceId, cancellationToken);
    }

    public Task StartReviewWaitAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken)
    {
        var input = new GradeSubmissionInput(tenant, submissionId, review.ReminderAfter, review.RemindersBeforeEscalation, AlreadyGraded: true);
        return durable.Client.TryScheduleAsync(nameof(GradeSubmissionOrchestrator), input, input.InstanceId, cancellationToken);
    }

    public Task StartBatchAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken cancellationToken)
    {
        var input = GradeBatchInput.For(tenant, submissionIds);
        return input.SubmissionIds.Count == 0
            ? Task.CompletedTask
            : durable.Client.TryScheduleAsync(nameof(GradeBatchOrchestrator), input, input.InstanceId, cancellationToken);
    }

    public async Task NotifyReviewedAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken)
    {
        var instanceId = GradeSubmissionInput.InstanceIdFor(tenant, submissionId);
        var client = durable.Client;
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.IsCompleted)
        {
            // Lost (in-memory engine restarted) or already over: the caller released what was due; the reconciler re-drives the rest.
            logger.LogInformation("No waiting grading instance {InstanceId} ({Status}); review event not raised", instanceId, instance?.RuntimeStatus);
            return;
        }

        await client.RaiseEventAsync(instanceId, ReviewCompletedEvent.Name, new ReviewCompletedEvent(tenant, submissionId), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Raised {EventName} on {InstanceId}", ReviewCompletedEvent.Name, instanceId);
    }
}
