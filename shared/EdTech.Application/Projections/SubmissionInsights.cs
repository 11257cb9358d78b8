using EdTech.Application.Analytics;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Learning;
using EdTech.Application.Storage;
using EdTech.Application.Usage;

namespace EdTech.Application.Projections;

/// <summary>
/// The projections of <c>submissions</c> as one deferrable change-feed consumer: the students' views and the gradebook (repairing
/// what the commands did not show themselves), the review queue, the assessment statistics, the learner state, then the submissions side of usage, of the item × section sums and of the weekly mastery, run in that
/// order over each batch (ChangeFeedCatalog.SubmissionInsights; the last two read what the statistics and learner-state parts
/// wrote). Each is still its own handler with its own tests; delivered together they cost one feed read, one checkpoint and, in
/// Azure, one trigger execution per batch instead of seven (docs/projection-writes.md, "One delivery for the deferrable projections"
/// and "Views written by the commands, repaired by the feed").
/// </summary>
public sealed class SubmissionInsights(
    SubmissionProjection views, ReviewQueueProjection reviewQueue, AssessmentStatisticsProjection statistics, LearnerStateHandler learnerState,
    UsageProjection usage, AnalyticsItemsProjection items, AnalyticsWeeksProjection weeks) : IChangeFeedComposite
{
    public string Name => ChangeFeedCatalog.SubmissionInsights.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.SubmissionInsights.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.SubmissionInsights.Containers;

    public IReadOnlyList<IChangeFeedHandler> Parts { get; } =
    [
        views, reviewQueue, statistics, learnerState,
        new ChangeFeedPart(ChangeFeedCatalog.UsageOnSubmissions, usage),
        new ChangeFeedPart(ChangeFeedCatalog.AnalyticsItemsOnSubmissions, items),
        new ChangeFeedPart(ChangeFeedCatalog.AnalyticsWeeksOnSubmissions, weeks),
    ];

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) =>
        ChangeFeedComposite.HandleInOrderAsync(this, changes, cancellationToken);
}
