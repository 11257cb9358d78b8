using EdTech.Domain.Serialization;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Commands;

/// <summary>
/// The durable side of a workflow run (<see cref="WorkflowRunRecord"/>): requested (create-once, so a repeat or a
/// redelivery is a read), then finished once by the workflow's last step. Nothing here starts a workflow: the change
/// feed does (<see cref="StartWorkflowRuns"/>), and the reconciler re-drives what is still requested.
/// </summary>
public sealed class WorkflowRuns(IDocumentStore store, TimeProvider clock, ILogger<WorkflowRuns> logger)
{
    private const int FinishAttempts = 5;

    /// <summary>Records the run unless it exists (requested, running or finished: a repeat changes nothing).</summary>
    public async Task<WorkflowRunRecord> RequestAsync(TenantId tenant, string kind, string targetId, long generation, string courseId, CancellationToken ct)
    {
        var run = new WorkflowRunRecord(WorkflowRunRecord.IdFor(kind, targetId, generation), kind, targetId, generation, courseId, WorkflowRunStatus.Requested, clock.GetUtcNow());
        var (status, stored) = await store.CreateAsync(tenant, run, ct).ConfigureAwait(false);
        if (status == WriteStatus.Created)
        {
            logger.LogInformation("Requested {RunId} in {TenantId}", run.Id, tenant);
        }

        return stored?.Value ?? run;
    }

    /// <summary>Marks the run <paramref name="status"/> (completed or dropped) unless it is finished or unknown (a run started without a record).</summary>
    public async Task FinishAsync(TenantId tenant, string runId, WorkflowRunStatus status, string? outcome, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync<WorkflowRunRecord>(tenant, runId, ct).ConfigureAwait(false);
            if (stored is null || stored.Value.Status != WorkflowRunStatus.Requested)
            {
                return;
            }

            var written = await store.ReplaceAsync(tenant, stored.Value with { Status = status, FinishedAt = clock.GetUtcNow(), Outcome = outcome }, stored.ETag, ct).ConfigureAwait(false);
            if (written.Status != WriteStatus.PreconditionFailed || attempt >= FinishAttempts)
            {
                Written.Ensure(written);
                logger.LogInformation("Run {RunId} in {TenantId} {Status}", runId, tenant, status.Wire());
                return;
            }
        }
    }

    /// <summary>The tenant's runs still waiting for their workflow to finish.</summary>
    public async Task<IReadOnlyList<WorkflowRunRecord>> RequestedAsync(TenantId tenant, CancellationToken ct)
    {
        var runs = await store.QueryAsync<WorkflowRunRecord>(tenant, DocumentQuery.Where("status", WorkflowRunStatus.Requested.Wire()), ct).ConfigureAwait(false);
        return [.. runs.Select(r => r.Value)];
    }
}
