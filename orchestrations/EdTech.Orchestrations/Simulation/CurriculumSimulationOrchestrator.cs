using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Simulation;

/// <summary>
/// A curriculum-change simulation: prepares it (calibrated course model stored on the record), fans out one
/// <see cref="SimulateChunkActivity"/> per chunk of students, then adds the chunks' integer sums and writes the result.
/// Every student's random numbers are a function of (seed, student index) only, so the result does not depend on the chunk
/// size or on the order chunks complete in: the same seed and input give the same result. A step that still fails after
/// its retries marks the simulation failed and the failure propagates.
/// </summary>
public sealed class CurriculumSimulationOrchestrator : TaskOrchestrator<SimulationInput, SimulationResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<SimulationResult> RunAsync(TaskOrchestrationContext context, SimulationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var prepared = await context.CallActivityAsync<Application.Content.Simulations.SimulationPrepared>(nameof(PrepareSimulationActivity), input, Retry);
            if (!prepared.Runnable)
            {
                return new SimulationResult(input.SimulationId, prepared.Students, 0);
            }

            var chunks = Chunks(prepared.Students, prepared.ChunkStudents)
                .Select((range, n) => context.CallActivityAsync<Domain.Simulation.SimulationTally>(
                    nameof(SimulateChunkActivity), new SimulationChunkInput(input.TenantId, input.SimulationId, n, range.From, range.To), Retry))
                .ToList();
            var tallies = await Task.WhenAll(chunks);
            await context.CallActivityAsync<bool>(nameof(FinishSimulationActivity), new SimulationFinishInput(input.TenantId, input.SimulationId, tallies), Retry);
            return new SimulationResult(input.SimulationId, prepared.Students, tallies.Length);
        }
        catch (TaskFailedException ex)
        {
            await context.CallActivityAsync<bool>(nameof(FailSimulationActivity),
                new SimulationFailInput(input.TenantId, input.SimulationId, "Simulation stopped: " + ex.FailureDetails.ErrorMessage), Retry);
            throw;
        }
    }

    /// <summary>[0, students) in consecutive ranges of at most <paramref name="size"/>.</summary>
    public static IReadOnlyList<(int From, int To)> Chunks(int students, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return Enumerable.Range(0, (students + size - 1) / size).Select(c => (c * size, Math.Min(students, (c + 1) * size))).ToArray();
    }
}
