using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// Sleeps on a durable timer until the assessment's release time, then asks the release step to start
/// ReleaseResults if graded work waits. Costs nothing while it waits (no instance is kept awake). If the
/// release time moved later, a newer timer owns it and this one ends; if only this worker's clock is behind,
/// it waits for the remaining gap, at most <see cref="ClockSkewRetries"/> times.
/// </summary>
public sealed class ReleaseAtOrchestrator : TaskOrchestrator<ReleaseAtInput, bool>
{
    public const int ClockSkewRetries = 3;

    /// <summary>A release time moved by more than this is a new schedule, not clock skew.</summary>
    public static readonly TimeSpan MovedThreshold = TimeSpan.FromMinutes(1);

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, ReleaseAtInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var wakeAt = input.ReleaseAt.UtcDateTime;
        for (var attempt = 0; attempt <= ClockSkewRetries; attempt++)
        {
            if (context.CurrentUtcDateTime < wakeAt)
            {
                await context.CreateTimer(wakeAt, CancellationToken.None);
            }

            var outcome = await context.CallActivityAsync<TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), input, ReleaseResultsOrchestrator.Retry);
            // Plain locals, no pattern variables: a mutant leaving one unassigned makes Stryker drop every mutant of RunAsync (docs/mutation.md).
            var due = outcome.NotBefore;
            if (due is null || due.Value - input.ReleaseAt > MovedThreshold)
            {
                return outcome.Started;
            }

            var notBefore = due.Value;
            wakeAt = (notBefore > context.CurrentUtcDateTime ? notBefore.UtcDateTime : context.CurrentUtcDateTime).AddSeconds(1);
        }

        return false;
    }
}
