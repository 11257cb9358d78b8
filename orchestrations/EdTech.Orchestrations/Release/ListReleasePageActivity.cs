using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// The bounds of the next pages of submissions waiting for release (never the submissions themselves: the history stays
/// small), up to <see cref="ReleasePageInput.Pages"/> pages from one query.
/// </summary>
public sealed class ListReleasePageActivity(ResultsReleaser releaser) : TaskActivity<ReleasePageInput, IReadOnlyList<ReleasePage>>
{
    public override Task<IReadOnlyList<ReleasePage>> RunAsync(TaskActivityContext context, ReleasePageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return releaser.NextPagesAsync(input.TenantId, input.CourseId, input.AssessmentId, input.AfterId, input.Size, Math.Max(1, input.Pages), CancellationToken.None);
    }
}
