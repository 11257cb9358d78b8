using EdTech.Application.Content.Simulations;
using EdTech.Domain.Simulation;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Simulation;

public sealed class PrepareSimulationActivity(SimulationSteps steps) : TaskActivity<SimulationInput, SimulationPrepared>
{
    public override Task<SimulationPrepared> RunAsync(TaskActivityContext context, SimulationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.PrepareAsync(input.TenantId, input.SimulationId, CancellationToken.None);
    }
}

public sealed class SimulateChunkActivity(SimulationSteps steps) : TaskActivity<SimulationChunkInput, SimulationTally>
{
    public override Task<SimulationTally> RunAsync(TaskActivityContext context, SimulationChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.SimulateChunkAsync(input.TenantId, input.SimulationId, input.From, input.To, CancellationToken.None);
    }
}

public sealed class FinishSimulationActivity(SimulationSteps steps) : TaskActivity<SimulationFinishInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SimulationFinishInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await steps.FinishAsync(input.TenantId, input.SimulationId, input.Chunks, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

public sealed class FailSimulationActivity(SimulationSteps steps) : TaskActivity<SimulationFailInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SimulationFailInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await steps.FailAsync(input.TenantId, input.SimulationId, input.Error, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
