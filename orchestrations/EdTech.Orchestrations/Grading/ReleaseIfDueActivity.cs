using EdTech.Application.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Grading;

public sealed class ReleaseIfDueActivity(SubmissionGrader grader) : TaskActivity<GradeSubmissionInput, GradingResult>
{
    public override Task<GradingResult> RunAsync(TaskActivityContext context, GradeSubmissionInput input) =>
        grader.ReleaseIfDueAsync(input.TenantId, input.SubmissionId, CancellationToken.None);
}
