using EdTech.Application.Grading.Regrade;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Regrade;

/// <summary>Regrades one id range with batched writes; idempotent per (submission, version).</summary>
public sealed class RegradeChunkActivity(SubmissionRegrader regrader) : TaskActivity<RegradeChunkInput, RegradeChunkResult>
{
    public override Task<RegradeChunkResult> RunAsync(TaskActivityContext context, RegradeChunkInput input) =>
        regrader.RegradeRangeAsync(input.TenantId, input.CourseId, input.AssessmentId, input.Version, input.AfterId, input.ThroughId, input.PageSize, CancellationToken.None);
}
