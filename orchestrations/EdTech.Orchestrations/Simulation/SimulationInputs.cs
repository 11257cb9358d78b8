using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Simulation;

public sealed record SimulationInput(TenantId TenantId, string SimulationId)
{
    /// <summary>Derived, tenant-first instance id: <c>{tenant}:simulation:{simulationId}</c>.</summary>
    public string InstanceId => $"{TenantId}:simulation:{SimulationId}";
}

/// <summary>Students [From, To) of one simulation.</summary>
public sealed record SimulationChunkInput(TenantId TenantId, string SimulationId, int Chunk, int From, int To);

public sealed record SimulationFinishInput(TenantId TenantId, string SimulationId, IReadOnlyList<SimulationTally> Chunks);

public sealed record SimulationFailInput(TenantId TenantId, string SimulationId, string Error);

/// <param name="Chunks">How many chunk activities ran (0 when the simulation could not be prepared).</param>
public sealed record SimulationResult(string SimulationId, int Students, int Chunks);
