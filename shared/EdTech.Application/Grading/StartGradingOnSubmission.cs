using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
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
            .Select(c => workflow.StartAsync(c.Tenant, c.Id, cancellationToken));
        await Task.WhenAll(starts).ConfigureAwait(false);
    }
}
