using EdTech.Application.Grading;
using EdTech.Orchestrations.Grading;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared orchestrator and activity classes.</summary>
public static class GradingFunctions
{
    [Function(nameof(GradeSubmissionOrchestrator))]
    public static Task<GradingResult> GradeSubmission([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new GradeSubmissionOrchestrator().RunAsync(context, context.GetInput<GradeSubmissionInput>()!);

    [Function(nameof(AutoGradeSubmissionActivity))]
    public static Task<GradingResult> AutoGradeSubmission([ActivityTrigger] GradeSubmissionInput input, FunctionContext context) =>
        FunctionActivityContext.Run<AutoGradeSubmissionActivity, GradeSubmissionInput, GradingResult>(context, input);

    [Function(nameof(RemindReviewActivity))]
    public static Task<GradingResult> RemindReview([ActivityTrigger] ReviewReminderInput input, FunctionContext context) =>
        FunctionActivityContext.Run<RemindReviewActivity, ReviewReminderInput, GradingResult>(context, input);

    [Function(nameof(ReleaseIfDueActivity))]
    public static Task<GradingResult> ReleaseIfDue([ActivityTrigger] GradeSubmissionInput input, FunctionContext context) =>
        FunctionActivityContext.Run<ReleaseIfDueActivity, GradeSubmissionInput, GradingResult>(context, input);
}
