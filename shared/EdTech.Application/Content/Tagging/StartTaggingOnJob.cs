using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// Change-feed consumer: a tagging job stored by POST /api/content/tagging-jobs (before its 202) gets its workflow,
/// instance <c>{tenant}:tagging:{jobId}</c>. The job is read again first: one finished since, or gone, starts nothing.
/// The container also holds the jobs' page and chunk records (partition = job id, id ≠ job id), which are skipped.
/// </summary>
public sealed class StartTaggingOnJob(IDocumentStore store, ITaggingWorkflow workflow) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.StartTagging.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.StartTagging.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.StartTagging.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var jobs = changes
            .Where(c => c.Container == Storage.Containers.TaggingJobs && c.Id == c.Partition)
            .DistinctBy(c => (c.Tenant, c.Id));
        foreach (var change in jobs)
        {
            await StartIfUnfinishedAsync(store, workflow, change.Tenant, change.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the job's workflow unless the job is finished or gone (also the reconciler's step).</summary>
    public static async Task<bool> StartIfUnfinishedAsync(IDocumentStore store, ITaggingWorkflow workflow, Domain.Tenancy.TenantId tenant, string jobId, CancellationToken ct)
    {
        var job = await store.GetAsync<TaggingJobRecord>(tenant, jobId, ct).ConfigureAwait(false);
        if (job is null || job.Value.FinishedAt is not null)
        {
            return false;
        }

        await workflow.StartAsync(tenant, job.Value, ct).ConfigureAwait(false);
        return true;
    }
}
