using EdTech.Application.Content.Simulations;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Commands;

/// <summary>
/// Starts the workflow of a requested run, by kind, under its deterministic tenant-first instance id (so a second start
/// is "already exists"). A run whose owning record is gone (assessment, course or simulation deleted) is dropped, never started.
/// </summary>
public sealed class WorkflowRunStarter(IDocumentStore store, WorkflowRuns runs, IRegradeWorkflow regrade, ICalibrationWorkflow calibration, ISimulationWorkflow simulation)
{
    public async Task StartAsync(TenantId tenant, WorkflowRunRecord run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status != WorkflowRunStatus.Requested)
        {
            return;
        }

        switch (run.Kind)
        {
            case WorkflowRunRecord.RegradeKind when await store.GetAsync<AssessmentRecord>(tenant, run.TargetId, run.CourseId, ct).ConfigureAwait(false) is not null:
                await regrade.StartAsync(tenant, run.TargetId, checked((int)run.Generation), ct).ConfigureAwait(false);
                break;
            case WorkflowRunRecord.CalibrateKind when await store.GetAsync<CourseRecord>(tenant, run.TargetId, ct).ConfigureAwait(false) is not null:
                await calibration.StartAsync(tenant, run.TargetId, WorkflowRunRecord.DayOf(run.Generation), ct).ConfigureAwait(false);
                break;
            case WorkflowRunRecord.SimulateKind when await store.GetAsync<SimulationRecord>(tenant, run.TargetId, ct).ConfigureAwait(false) is not null:
                await simulation.StartAsync(tenant, run.TargetId, ct).ConfigureAwait(false);
                break;
            default:
                await runs.FinishAsync(tenant, run.Id, WorkflowRunStatus.Dropped, $"{run.Kind} target '{run.TargetId}' not found", ct).ConfigureAwait(false);
                break;
        }
    }
}
