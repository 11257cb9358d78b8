using EdTech.Application.Timing;
using EdTech.Orchestrations.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Timing;

/// <summary>
/// Sleeps on a durable timer until the attempt's end plus grace, then asks the auto-submit step to submit its last draft.
/// Costs nothing while it waits. If this worker's clock is behind the step's (it answers "not before"), it waits the remaining
/// gap, at most <see cref="ClockSkewRetries"/> times. Stateless: the step reads and writes the store.
/// </summary>
public sealed class AttemptTimerOrchestrator : TaskOrchestrator<AttemptTimerInput, bool>
{
    public const int ClockSkewRetries = 3;

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, AttemptTimerInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var wakeAt = input.SubmitAt.UtcDateTime;
        for (var attempt = 0; attempt <= ClockSkewRetries; attempt++)
        {
            if (context.CurrentUtcDateTime < wakeAt)
            {
                await context.CreateTimer(wakeAt, CancellationToken.None);
            }

            var outcome = await context.CallActivityAsync<AutoSubmitOutcome>(nameof(AutoSubmitAttemptActivity), input, ReleaseResultsOrchestrator.Retry);
            var notBefore = outcome.NotBefore;
            if (notBefore is null)
            {
                return outcome.Submitted;
            }

            wakeAt = (notBefore.Value > context.CurrentUtcDateTime ? notBefore.Value.UtcDateTime : context.CurrentUtcDateTime).AddSeconds(1);
        }

        return false;
    }
}
