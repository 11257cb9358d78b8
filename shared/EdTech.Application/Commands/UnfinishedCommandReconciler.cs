using EdTech.Domain.Serialization;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Commands;

/// <summary>
/// Re-drives acknowledged commands whose workflow never finished (a start lost after the durable record, or an in-memory
/// engine that lost its instances in a crash), from their durable records only: released assessments still holding graded
/// work (<see cref="DueResultsReleaser"/>), requested workflow runs (regrade, calibration) and unfinished tagging jobs. Safe
/// any time: every start is idempotent per its derived instance id, and a running instance is "already exists". The
/// LocalHost runs it at start-up; both hosts run it with the grading reconciler's timer (RECONCILE_GRADING_SCHEDULE).
/// </summary>
public sealed class UnfinishedCommandReconciler(
    IDocumentStore store, DueResultsReleaser releases, WorkflowRuns runs, WorkflowRunStarter starter, ITaggingWorkflow tagging, ILogger<UnfinishedCommandReconciler> logger)
{
    private static readonly string[] UnfinishedTagging = [TaggingJobStatus.Queued.Wire(), TaggingJobStatus.Running.Wire()];

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var (released, started, jobs) = (0, 0, 0);
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Select(t => new TenantId(t.Value.Id)))
        {
            released += await releases.ReleaseDueAsync(tenant, ct).ConfigureAwait(false);
            foreach (var run in await runs.RequestedAsync(tenant, ct).ConfigureAwait(false))
            {
                await starter.StartAsync(tenant, run, ct).ConfigureAwait(false);
                started++;
            }

            foreach (var status in UnfinishedTagging)
            {
                var unfinished = await store.QueryAsync(tenant, Containers.TaggingJobs, DocumentQuery.Where("status", status), ct).ConfigureAwait(false);
                foreach (var job in unfinished.Where(j => j.Id == j.Partition))
                {
                    jobs += await StartTaggingOnJob.StartIfUnfinishedAsync(store, tagging, tenant, job.Id, ct).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }

        logger.LogInformation("Re-drove {Releases} releases, {Runs} workflow runs and {Jobs} tagging jobs", released, started, jobs);
        return released + started + jobs;
    }
}
