using EdTech.Application.Grading;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>Grades one submission, then releases it if its assessment's policy says the time has come.</summary>
public sealed class GradeSubmissionOrchestrator : TaskOrchestrator<GradeSubmissionInput, GradingResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2));

    public override async Task<GradingResult> RunAsync(TaskOrchestrationContext context, GradeSubmissionInput input)
    {
        var logger = context.CreateReplaySafeLogger<GradeSubmissionOrchestrator>();
        var graded = await context.CallActivityAsync<GradingResult>(nameof(AutoGradeSubmissionActivity), input, Retry);
        if (graded.Status != Domain.Submissions.SubmissionStatus.Graded)
        {
            logger.LogInformation("Submission {SubmissionId} is {Status}; nothing to release", input.SubmissionId, graded.Status);
            return graded;
        }

        return await context.CallActivityAsync<GradingResult>(nameof(ReleaseIfDueActivity), input, Retry);
    }
}
