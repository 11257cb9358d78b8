using EdTech.Application.Content.Simulations;
using EdTech.Domain.Simulation;
using EdTech.Orchestrations.Simulation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared curriculum-simulation orchestrator and activities.</summary>
public static class SimulationFunctions
{
    [Function(nameof(CurriculumSimulationOrchestrator))]
    public static Task<SimulationResult> CurriculumSimulation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CurriculumSimulationOrchestrator().RunAsync(context, context.GetInput<SimulationInput>()!);

    [Function(nameof(PrepareSimulationActivity))]
    public static Task<SimulationPrepared> PrepareSimulation([ActivityTrigger] SimulationInput input, FunctionContext context) =>
        FunctionActivityContext.Run<PrepareSimulationActivity, SimulationInput, SimulationPrepared>(context, input);

    [Function(nameof(SimulateChunkActivity))]
    public static Task<SimulationTally> SimulateChunk([ActivityTrigger] SimulationChunkInput input, FunctionContext context) =>
        FunctionActivityContext.Run<SimulateChunkActivity, SimulationChunkInput, SimulationTally>(context, input);

    [Function(nameof(FinishSimulationActivity))]
    public static Task<bool> FinishSimulation([ActivityTrigger] SimulationFinishInput input, FunctionContext context) =>
        FunctionActivityContext.Run<FinishSimulationActivity, SimulationFinishInput, bool>(context, input);

    [Function(nameof(FailSimulationActivity))]
    public static Task<bool> FailSimulation([ActivityTrigger] SimulationFailInput input, FunctionContext context) =>
        FunctionActivityContext.Run<FailSimulationActivity, SimulationFailInput, bool>(context, input);
}
