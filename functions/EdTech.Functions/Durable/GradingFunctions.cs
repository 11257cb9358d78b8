using EdTech.Application.Grading;
using EdTech.Orchestrations.Grading;
using Microsoft.Azure.Functions.Worker;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared orchestrator and activity classes.</summary>
public static class GradingFunctions
{
    [Function(nameof(GradeSubmissionOrchestrator))]
    public static Task<GradingResult> GradeSubmission([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new GradeSubmissionOrchestrator().RunAsync(context, context.GetInput<GradeSubmissionInput>()!);

    [Function(nameof(GradeBatchOrchestrator))]
    public static Task<GradeBatchResult> GradeBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new GradeBatchOrchestrator().RunAsync(context, context.GetInput<GradeBatchInput>()!);

    [Function(nameof(GradeBatchActivity))]
    public static Task<GradeBatchResult> GradeBatchStep([ActivityTrigger] GradeBatchInput input, FunctionContext context) =>
        FunctionActivityContext.Run<GradeBatchActivity, GradeBatchInput, GradeBatchResult>(context, input);

    /// <summary>Starts per-submission workflows: the activity's own [DurableClient] binding is bound for the shared workflow it calls.</summary>
    [Function(nameof(StartSubmissionGradingActivity))]
    public static async Task<int> StartSubmissionGrading([ActivityTrigger] GradeBatchInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var bound = context.InstanceServices.GetRequiredService<InvocationDurableClientSource>().Bind(client);
        return await FunctionActivityContext.Run<StartSubmissionGradingActivity, GradeBatchInput, int>(context, input).ConfigureAwait(false);
    }

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
