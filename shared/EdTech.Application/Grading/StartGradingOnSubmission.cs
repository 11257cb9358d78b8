using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading;

/// <summary>
/// Change-feed consumer: accepted submissions are graded in batches. A delivery's accepted submissions are grouped per tenant
/// and cut into chunks of at most <see cref="GradingBatchSettings.BatchSize"/>; each chunk starts one batch workflow, whose
/// instance id derives from the tenant and the chunk's ids, so a redelivered batch starts nothing twice.
/// </summary>
public sealed class StartGradingOnSubmission(IGradingWorkflow workflow, GradingBatchSettings? settings = null) : IChangeFeedHandler
{
    private readonly int _batchSize = Math.Max(1, (settings ?? GradingBatchSettings.Default).BatchSize);

    public string Name => ChangeFeedCatalog.StartGrading.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.StartGrading.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.StartGrading.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        var chunks = changes
            .Where(c => TypedDocumentStore.Read<SubmissionRecord>(c).Value.Status == SubmissionStatus.Accepted)
            .GroupBy(c => c.Tenant)
            .SelectMany(tenant => tenant.DistinctBy(c => c.Id, StringComparer.Ordinal).Chunk(_batchSize).Select(chunk => (tenant.Key, chunk)));
        await Task.WhenAll(chunks.Select(c => StartAsync(c.Key, c.chunk, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// In the submissions' own trace (a chunk of one request's writes continues it; a mixed chunk links to each), so the
    /// orchestration it schedules joins the request that submitted it.
    /// </summary>
    private async Task StartAsync(TenantId tenant, IReadOnlyList<StoredDocument> chunk, CancellationToken cancellationToken)
    {
        using var span = ChangeFeedSpans.StartForDocuments("grading.start", chunk);
        span?.SetTag("edtech.tenant", tenant.Value);
        span?.SetTag("edtech.grading.batch_size", chunk.Count);
        if (chunk.Count == 1)
        {
            span?.SetTag("edtech.submission.id", chunk[0].Id);
        }

        await workflow.StartBatchAsync(tenant, [.. chunk.Select(c => c.Id)], cancellationToken).ConfigureAwait(false);
    }
}
