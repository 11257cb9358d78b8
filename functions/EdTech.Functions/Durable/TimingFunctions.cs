using EdTech.Application.Timing;
using EdTech.Orchestrations.Timing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared attempt timer and its auto-submit step.</summary>
public static class TimingFunctions
{
    [Function(nameof(AttemptTimerOrchestrator))]
    public static Task<bool> AttemptTimer([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AttemptTimerOrchestrator().RunAsync(context, context.GetInput<AttemptTimerInput>()!);

    [Function(nameof(AutoSubmitAttemptActivity))]
    public static Task<AutoSubmitOutcome> AutoSubmitAttempt([ActivityTrigger] AttemptTimerInput input, FunctionContext context) =>
        FunctionActivityContext.Run<AutoSubmitAttemptActivity, AttemptTimerInput, AutoSubmitOutcome>(context, input);
}
