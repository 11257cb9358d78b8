using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Orchestrations.Release;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared release orchestrators and activity.</summary>
public static class ReleaseFunctions
{
    [Function(nameof(ReleaseResultsOrchestrator))]
    public static Task<ReleaseResultsResult> ReleaseResults([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReleaseResultsOrchestrator().RunAsync(context, context.GetInput<ReleaseResultsInput>()!);

    [Function(nameof(ReleaseAtOrchestrator))]
    public static Task<bool> ReleaseAt([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReleaseAtOrchestrator().RunAsync(context, context.GetInput<ReleaseAtInput>()!);

    [Function(nameof(ReleaseDueAssessmentActivity))]
    public static Task<TimedReleaseOutcome> ReleaseDueAssessment([ActivityTrigger] ReleaseAtInput input, FunctionContext context) =>
        FunctionActivityContext.Run<ReleaseDueAssessmentActivity, ReleaseAtInput, TimedReleaseOutcome>(context, input);

    [Function(nameof(MarkAssessmentReleasedActivity))]
    public static Task<ReleaseMark> MarkAssessmentReleased([ActivityTrigger] ReleaseResultsInput input, FunctionContext context) =>
        FunctionActivityContext.Run<MarkAssessmentReleasedActivity, ReleaseResultsInput, ReleaseMark>(context, input);

    [Function(nameof(ListReleasePageActivity))]
    public static Task<IReadOnlyList<ReleasePage>> ListReleasePage([ActivityTrigger] ReleasePageInput input, FunctionContext context) =>
        FunctionActivityContext.Run<ListReleasePageActivity, ReleasePageInput, IReadOnlyList<ReleasePage>>(context, input);

    [Function(nameof(ReleaseSubmissionsActivity))]
    public static Task<int> ReleaseSubmissions([ActivityTrigger] ReleaseChunkInput input, FunctionContext context) =>
        FunctionActivityContext.Run<ReleaseSubmissionsActivity, ReleaseChunkInput, int>(context, input);
}
