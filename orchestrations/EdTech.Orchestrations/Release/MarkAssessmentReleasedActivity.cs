using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

public sealed class MarkAssessmentReleasedActivity(ResultsReleaser releaser) : TaskActivity<ReleaseResultsInput, ReleaseMark>
{
    public override Task<ReleaseMark> RunAsync(TaskActivityContext context, ReleaseResultsInput input) =>
        releaser.MarkReleasedAsync(input.TenantId, input.AssessmentId, CancellationToken.None);
}
