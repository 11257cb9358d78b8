using EdTech.Application.ChangeFeed;
using EdTech.Application.Learning;
using EdTech.Application.Storage;
using EdTech.Application.Usage;

namespace EdTech.Application.Projections;

/// <summary>
/// The deferrable projections of <c>submissions</c> as one change-feed consumer: the review queue, the assessment statistics,
/// the learner state and the submissions side of usage, run in that order over each batch (ChangeFeedCatalog.SubmissionInsights).
/// Each is still its own handler with its own tests; delivered together they cost one feed read, one checkpoint and, in Azure,
/// one trigger execution per batch instead of four (docs/projection-writes.md, "One delivery for the deferrable projections").
/// </summary>
public sealed class SubmissionInsights(
    ReviewQueueProjection reviewQueue, AssessmentStatisticsProjection statistics, LearnerStateHandler learnerState, UsageOnSubmissions usage) : IChangeFeedComposite
{
    public string Name => ChangeFeedCatalog.SubmissionInsights.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.SubmissionInsights.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.SubmissionInsights.Containers;

    public IReadOnlyList<IChangeFeedHandler> Parts { get; } = [reviewQueue, statistics, learnerState, usage];

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) =>
        ChangeFeedComposite.HandleInOrderAsync(this, changes, cancellationToken);
}
