using EdTech.Domain.Serialization;
using EdTech.Application.Commands;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Simulations;

/// <param name="Runnable">False when the simulation is no longer running or could not be prepared (then it is marked failed).</param>
public sealed record SimulationPrepared(bool Runnable, int Students, int ChunkStudents);

/// <summary>
/// The durable run's steps, each idempotent. <see cref="PrepareAsync"/> calibrates the course model once and stores it on the
/// record (a retry or replay finds it there); every chunk rebuilds the same plan from that snapshot and simulates students
/// [from, to): each student's random numbers depend only on (seed, student index), so the chunks' integer sums add up to
/// exactly the one-run totals whatever the chunk size or completion order; <see cref="FinishAsync"/> adds them and summarises.
/// Finishing (completed or failed) also completes the simulation's workflow run, so the reconciler stops re-driving it.
/// </summary>
public sealed class SimulationSteps(IDocumentStore store, SimulationModelSource models, WorkflowRuns runs, SimulationSettings settings, TimeProvider clock, ILogger<SimulationSteps> logger)
{
    public const int MaxModelWarnings = 50;

    public async Task<SimulationPrepared> PrepareAsync(TenantId tenant, string id, CancellationToken ct)
    {
        var record = await LoadAsync(tenant, id, ct).ConfigureAwait(false);
        if (record.Status != SimulationStatus.Running)
        {
            // A re-driven run of a simulation that already finished: only its run record was left open.
            await runs.FinishAsync(tenant, WorkflowRunRecord.SimulateId(id), WorkflowRunStatus.Completed, record.Status.Wire(), ct).ConfigureAwait(false);
            return new SimulationPrepared(false, record.Students, settings.ChunkStudents);
        }

        if (record.Model is null)
        {
            if (await models.LoadCalibratedAsync(tenant, record.CourseId, ct).ConfigureAwait(false) is not { } loaded)
            {
                await FailAsync(tenant, id, "The course has no assessment items any more.", ct).ConfigureAwait(false);
                return new SimulationPrepared(false, record.Students, settings.ChunkStudents);
            }

            var prepared = CurriculumSimulation.Prepare(loaded.Model, record.Change, SimulationPriors.Default);
            if (prepared.Plan is null)
            {
                var p = prepared.Problems;
                var why = string.Join(" ", new[] { Listed("unknown items", p.UnknownItems), Listed("unknown skills", p.UnknownSkills), Listed("unknown modules", p.UnknownModules) }
                    .Where(s => s.Length > 0).Concat(p.Errors));
                await FailAsync(tenant, id, "The course changed since the request: " + why, ct).ConfigureAwait(false);
                return new SimulationPrepared(false, record.Students, settings.ChunkStudents);
            }

            var warnings = Capped(loaded.Warnings).Concat(prepared.Warnings).ToArray();
            await UpdateAsync(tenant, id, r => r.Model is null ? r with { Model = loaded.Model, Warnings = warnings } : null, ct).ConfigureAwait(false);
        }

        return new SimulationPrepared(true, record.Students, settings.ChunkStudents);
    }

    public async Task<SimulationTally> SimulateChunkAsync(TenantId tenant, string id, int from, int to, CancellationToken ct)
    {
        var record = await LoadAsync(tenant, id, ct).ConfigureAwait(false);
        return PlanOf(record).Run(record.Seed, from, to);
    }

    public async Task FinishAsync(TenantId tenant, string id, IReadOnlyList<SimulationTally> chunks, CancellationToken ct)
    {
        var record = await LoadAsync(tenant, id, ct).ConfigureAwait(false);
        var summary = PlanOf(record).Summarise(SimulationTally.Combine(chunks));
        await UpdateAsync(tenant, id, r => r.Status != SimulationStatus.Running ? null : r with
        {
            Status = SimulationStatus.Completed,
            Result = summary,
            FinishedAt = clock.GetUtcNow(),
        }, ct).ConfigureAwait(false);
        await runs.FinishAsync(tenant, WorkflowRunRecord.SimulateId(id), WorkflowRunStatus.Completed, SimulationStatus.Completed.Wire(), ct).ConfigureAwait(false);
        logger.LogInformation("Simulation {SimulationId} of course {CourseId} completed: {Students} students in {Chunks} chunks", id, record.CourseId, summary.Students, chunks.Count);
    }

    public async Task FailAsync(TenantId tenant, string id, string error, CancellationToken ct)
    {
        await UpdateAsync(tenant, id, r => r.Status != SimulationStatus.Running ? null : r with
        {
            Status = SimulationStatus.Failed,
            Error = error,
            FinishedAt = clock.GetUtcNow(),
        }, ct).ConfigureAwait(false);
        await runs.FinishAsync(tenant, WorkflowRunRecord.SimulateId(id), WorkflowRunStatus.Completed, SimulationStatus.Failed.Wire(), ct).ConfigureAwait(false);
        logger.LogWarning("Simulation {SimulationId} failed: {Error}", id, error);
    }

    private static SimulationPlan PlanOf(SimulationRecord record) =>
        (record.Model is { } model ? CurriculumSimulation.Prepare(model, record.Change, SimulationPriors.Default).Plan : null)
        ?? throw new InvalidOperationException($"Simulation {record.Id} has no runnable model.");

    private static string Listed(string what, IReadOnlyList<string> ids) => ids.Count == 0 ? "" : $"{what}: {string.Join(", ", ids)}.";

    private static IEnumerable<string> Capped(IReadOnlyList<string> warnings) => warnings.Count <= MaxModelWarnings
        ? warnings
        : warnings.Take(MaxModelWarnings).Append($"... and {warnings.Count - MaxModelWarnings} more items or skills on priors.");

    private async Task<SimulationRecord> LoadAsync(TenantId tenant, string id, CancellationToken ct) =>
        (await store.GetAsync<SimulationRecord>(tenant, id, ct).ConfigureAwait(false))?.Value
        ?? throw new InvalidOperationException($"Simulation {id} is missing.");

    private async Task UpdateAsync(TenantId tenant, string id, Func<SimulationRecord, SimulationRecord?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await store.GetAsync<SimulationRecord>(tenant, id, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Simulation {id} is missing.");
            if (change(stored.Value) is not { } next)
            {
                return;
            }

            var (status, _) = await store.ReplaceAsync(tenant, next, stored.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Simulation {id} kept changing under its update.");
    }
}
