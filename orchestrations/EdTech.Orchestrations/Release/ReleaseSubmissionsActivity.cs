using EdTech.Application.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>Releases one page's submissions in one step (per-submission bookkeeping: audit, notification, status).</summary>
public sealed class ReleaseSubmissionsActivity(SubmissionGrader grader) : TaskActivity<ReleaseChunkInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, ReleaseChunkInput input) =>
        grader.ReleaseRangeAsync(input.TenantId, input.CourseId, input.AssessmentId, input.AfterId, input.ThroughId, input.PageSize, CancellationToken.None);
}
