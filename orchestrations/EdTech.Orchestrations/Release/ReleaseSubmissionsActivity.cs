using EdTech.Application.Grading;
using EdTech.Application.Projections;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// Releases one page's submissions in one step (per-submission bookkeeping: audit, notification, status), then shows them in the
/// students' views and the gradebook (<see cref="ResultsShown"/>): a results release is an exam's second peak.
/// </summary>
public sealed class ReleaseSubmissionsActivity(SubmissionGrader grader, SubmissionViews views, ILogger<ReleaseSubmissionsActivity> logger) : TaskActivity<ReleaseChunkInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, ReleaseChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var released = await grader.ReleaseRangeAsync(input.TenantId, input.CourseId, input.AssessmentId, input.AfterId, input.ThroughId, input.PageSize, CancellationToken.None)
            .ConfigureAwait(false);
        await ResultsShown.TryAsync(views, logger, input.TenantId, released).ConfigureAwait(false);
        return released.Count;
    }
}
