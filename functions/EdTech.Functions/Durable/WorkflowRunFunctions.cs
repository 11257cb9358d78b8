using EdTech.Orchestrations.Runs;
using Microsoft.Azure.Functions.Worker;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrapper: the Durable Functions trigger for the shared last step of run-backed workflows.</summary>
public static class WorkflowRunFunctions
{
    [Function(nameof(FinishWorkflowRunActivity))]
    public static Task<bool> FinishWorkflowRun([ActivityTrigger] FinishWorkflowRunInput input, FunctionContext context) =>
        FunctionActivityContext.Run<FinishWorkflowRunActivity, FinishWorkflowRunInput, bool>(context, input);
}
