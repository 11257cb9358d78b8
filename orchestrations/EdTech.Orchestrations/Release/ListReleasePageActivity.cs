using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>The bounds of the next page of submissions waiting for release (never the submissions themselves: the history stays small).</summary>
public sealed class ListReleasePageActivity(ResultsReleaser releaser) : TaskActivity<ReleasePageInput, ReleasePage>
{
    public override Task<ReleasePage> RunAsync(TaskActivityContext context, ReleasePageInput input) =>
        releaser.NextPageAsync(input.TenantId, input.CourseId, input.AssessmentId, input.AfterId, input.Size, CancellationToken.None);
}
