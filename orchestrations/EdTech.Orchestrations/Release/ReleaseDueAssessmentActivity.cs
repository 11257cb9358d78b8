using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

public sealed class ReleaseDueAssessmentActivity(DueResultsReleaser releaser) : TaskActivity<ReleaseAtInput, TimedReleaseOutcome>
{
    public override Task<TimedReleaseOutcome> RunAsync(TaskActivityContext context, ReleaseAtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return releaser.ReleaseDueAsync(input.TenantId, input.AssessmentId, CancellationToken.None);
    }
}
