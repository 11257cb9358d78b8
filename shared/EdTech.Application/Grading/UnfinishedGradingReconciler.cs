using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading;

/// <summary>
/// Re-drives acknowledged submissions whose workflow never finished (an engine that lost its
/// instances, a crash). Safe to run any time: the workflow's steps are idempotent. Submissions awaiting
/// review are re-driven too, so a restarted in-memory engine gets its waiting instances (and their reminders) back.
/// </summary>
public sealed class UnfinishedGradingReconciler(IDocumentStore store, IGradingWorkflow workflow, ILogger<UnfinishedGradingReconciler> logger)
{
    private static readonly string[] UnfinishedStatuses = [SubmissionStatus.Accepted, SubmissionStatus.Grading, SubmissionStatus.AwaitingReview, SubmissionStatus.Graded];

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var count = 0;
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Select(t => new TenantId(t.Value.Id)))
        {
            foreach (var status in UnfinishedStatuses)
            {
                var pending = await store.QueryAsync(tenant, Containers.Submissions, DocumentQuery.Where("status", status), ct).ConfigureAwait(false);
                await Task.WhenAll(pending.Select(p => workflow.StartAsync(tenant, p.Id, ct))).ConfigureAwait(false);
                count += pending.Count;
            }
        }

        logger.LogInformation("Re-drove {Count} unfinished submissions", count);
        return count;
    }
}
