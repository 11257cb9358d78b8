using EdTech.Application.Grading.Regrade;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Regrade;

/// <summary>The bounds of the next page of submissions (never the submissions themselves: the history stays small).</summary>
public sealed class ListRegradePageActivity(SubmissionRegrader regrader) : TaskActivity<RegradePageInput, RegradePage>
{
    public override Task<RegradePage> RunAsync(TaskActivityContext context, RegradePageInput input) =>
        regrader.NextPageAsync(input.TenantId, input.AssessmentId, input.AfterId, input.Size, CancellationToken.None);
}
