using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Grading;

/// <summary>Change-feed consumer: every accepted submission gets its grading workflow.</summary>
public sealed class StartGradingOnSubmission(IGradingWorkflow workflow) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.StartGrading.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.StartGrading.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.StartGrading.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        var starts = changes
            .Where(c => TypedDocumentStore.Read<SubmissionRecord>(c).Value.Status == SubmissionStatus.Accepted)
            .Select(c => StartAsync(c, cancellationToken));
        await Task.WhenAll(starts).ConfigureAwait(false);
    }

    /// <summary>In the submission's own trace (its stored context), so the orchestration it schedules joins the request that submitted it.</summary>
    private async Task StartAsync(StoredDocument change, CancellationToken cancellationToken)
    {
        using var span = ChangeFeedSpans.StartForDocument("grading.start", change);
        span?.SetTag("edtech.tenant", change.Tenant.Value);
        span?.SetTag("edtech.submission.id", change.Id);
        await workflow.StartAsync(change.Tenant, change.Id, cancellationToken).ConfigureAwait(false);
    }
}
