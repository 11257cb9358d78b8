using EdTech.Application.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

public sealed class MarkAssessmentReleasedActivity(ResultsReleaser releaser) : TaskActivity<ReleaseResultsInput, ReleaseBatch>
{
    public override Task<ReleaseBatch> RunAsync(TaskActivityContext context, ReleaseResultsInput input) =>
        releaser.MarkReleasedAsync(input.TenantId, input.AssessmentId, CancellationToken.None);
}
