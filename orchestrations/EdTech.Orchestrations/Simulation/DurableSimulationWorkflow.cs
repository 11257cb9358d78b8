using EdTech.Application.Content.Simulations;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Simulation;

public sealed class DurableSimulationWorkflow(IDurableClientSource durable) : ISimulationWorkflow
{
    public Task StartAsync(TenantId tenant, string simulationId, CancellationToken cancellationToken)
    {
        var input = new SimulationInput(tenant, simulationId);
        return durable.Client.TryScheduleAsync(nameof(CurriculumSimulationOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
