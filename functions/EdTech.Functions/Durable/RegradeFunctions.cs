using EdTech.Application.Grading.Regrade;
using EdTech.Orchestrations.Regrade;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared regrade orchestrators and activities.</summary>
public static class RegradeFunctions
{
    [Function(nameof(RegradeAssessmentOrchestrator))]
    public static Task<RegradeAssessmentResult> RegradeAssessment([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RegradeAssessmentOrchestrator().RunAsync(context, context.GetInput<RegradeAssessmentInput>()!);

    [Function(nameof(ListRegradePageActivity))]
    public static Task<RegradePage> ListRegradePage([ActivityTrigger] RegradePageInput input, FunctionContext context) =>
        FunctionActivityContext.Run<ListRegradePageActivity, RegradePageInput, RegradePage>(context, input);

    [Function(nameof(RegradeChunkActivity))]
    public static Task<RegradeChunkResult> RegradeChunkStep([ActivityTrigger] RegradeChunkInput input, FunctionContext context) =>
        FunctionActivityContext.Run<RegradeChunkActivity, RegradeChunkInput, RegradeChunkResult>(context, input);
}
