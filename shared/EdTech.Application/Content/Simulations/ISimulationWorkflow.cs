using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Simulations;

/// <summary>Starts the durable run of a stored simulation; the instance id is derived from tenant and id, so a second start is a no-op.</summary>
public interface ISimulationWorkflow
{
    Task StartAsync(TenantId tenant, string simulationId, CancellationToken cancellationToken);
}
