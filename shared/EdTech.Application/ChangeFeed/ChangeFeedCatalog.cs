using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// Every change-feed handler, declared once. The handlers take their name, containers and urgency from here; both hosts
/// check their registered handlers against it at start-up (<see cref="EnsureMatches"/>); the LocalHost pump runs what is
/// registered, and the Functions app has one Cosmos DB trigger per (consumer, container) with
/// <see cref="ChangeFeedConsumer.LeasePrefix"/> (tests/EdTech.Functions.Tests/ChangeFeed holds the trigger file against this list).
/// A composite consumer (<see cref="SubmissionInsights"/>) is one delivery, one checkpoint and one trigger per container; its
/// parts are declared here too (name, containers, urgency) but are not in <see cref="All"/>: they are handlers only inside it
/// (<see cref="IChangeFeedComposite"/>, docs/projection-writes.md, "One delivery for the deferrable projections").
/// </summary>
public static class ChangeFeedCatalog
{
    public static ChangeFeedConsumer StartGrading { get; } = Declare("start-grading", ChangeFeedUrgency.Immediate, startsDurableWork: true, Containers.Submissions);

    /// <summary>
    /// The first part of <see cref="SubmissionInsights"/>: the students' views and the gradebook rows, repaired from every change.
    /// The commands that change a submission show their result themselves (<c>SubmissionViews.TryShowCurrentAsync</c>: the submit,
    /// the grading and release batches, a regrade, a teacher's grade), so this part only writes what one of them could not
    /// (docs/projection-writes.md, "Views written by the commands, repaired by the feed"). Until 2026-12-08 it was a consumer of its
    /// own (Immediate); it joined a composite that already had a checkpoint, so on the LocalHost the composite goes back to this
    /// part's former checkpoint once (<see cref="ChangeFeedConsumer.JoinedARunningComposite"/>).
    /// </summary>
    public static ChangeFeedConsumer SubmissionProjection { get; } =
        Declare("submission-projection", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions) with { JoinedARunningComposite = true };

    /// <summary>A part of <see cref="SubmissionInsights"/>.</summary>
    public static ChangeFeedConsumer ReviewQueueProjection { get; } = Declare("review-queue-projection", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions);

    /// <summary>A part of <see cref="SubmissionInsights"/>.</summary>
    public static ChangeFeedConsumer AssessmentStatisticsProjection { get; } = Declare("assessment-statistics-projection", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions);

    /// <summary>A part of <see cref="SubmissionInsights"/>.</summary>
    public static ChangeFeedConsumer LearnerState { get; } = Declare("learner-state", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions);

    /// <summary>
    /// A part of <see cref="SubmissionInsights"/>: the submissions side of the usage projection (its usage-events side stays
    /// <see cref="UsageProjection"/>); on the LocalHost it was read under usage-projection's checkpoint.
    /// </summary>
    public static ChangeFeedConsumer UsageOnSubmissions { get; } =
        Declare("usage-on-submissions", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions) with { FormerCheckpoint = "usage-projection" };

    /// <summary>
    /// A part of <see cref="SubmissionInsights"/>, after the statistics part: the submissions side of the item × section sums (their
    /// enrollments and assessments side stays <see cref="AnalyticsItemsProjection"/>). Until 2026-12-07 that consumer read the
    /// statistics contributions' own feed instead; on the LocalHost (one feed for every container) its position was that
    /// consumer's checkpoint, which a composite created by an upgrade takes over.
    /// </summary>
    public static ChangeFeedConsumer AnalyticsItemsOnSubmissions { get; } =
        Declare("analytics-items-on-submissions", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions) with { FormerCheckpoint = "analytics-items-projection" };

    /// <summary>
    /// A part of <see cref="SubmissionInsights"/>, after the learner-state part: the submissions side of the weekly mastery (the
    /// usage-events side stays <see cref="AnalyticsWeeksProjection"/>). Until 2026-12-07 that consumer read the learner state's
    /// own feed instead; on the LocalHost its position was that consumer's checkpoint.
    /// </summary>
    public static ChangeFeedConsumer AnalyticsWeeksOnSubmissions { get; } =
        Declare("analytics-weeks-on-submissions", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions) with { FormerCheckpoint = "analytics-weeks-projection" };

    /// <summary>
    /// The projections of <c>submissions</c> as one deferrable consumer: each batch is delivered once and its parts run in this
    /// order, each under the delivery's retry and poison policy of its own (<see cref="ChangeFeedDelivery"/>). The views come
    /// first: they are what students and teachers read.
    /// </summary>
    public static ChangeFeedConsumer SubmissionInsights { get; } =
        Declare("submission-insights", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Submissions) with
        {
            Parts = [SubmissionProjection, ReviewQueueProjection, AssessmentStatisticsProjection, LearnerState, UsageOnSubmissions, AnalyticsItemsOnSubmissions, AnalyticsWeeksOnSubmissions],
        };

    public static ChangeFeedConsumer StartRegrade { get; } = Declare("start-regrade", ChangeFeedUrgency.Immediate, startsDurableWork: true, Containers.Assessments);

    public static ChangeFeedConsumer StartRelease { get; } = Declare("start-release", ChangeFeedUrgency.Immediate, startsDurableWork: true, Containers.Assessments);

    public static ChangeFeedConsumer StartTagging { get; } = Declare("start-tagging", ChangeFeedUrgency.Immediate, startsDurableWork: true, Containers.TaggingJobs);

    /// <summary>Tags created and edited assessment items (their content changed since their last suggestion), after a debounce, in a durable run.</summary>
    public static ChangeFeedConsumer TagChangedItems { get; } = Declare("tag-changed-items", ChangeFeedUrgency.Deferrable, startsDurableWork: true, Containers.Assessments);

    public static ChangeFeedConsumer StartWorkflowRuns { get; } = Declare("start-workflow-runs", ChangeFeedUrgency.Immediate, startsDurableWork: true, Containers.WorkflowRuns);

    public static ChangeFeedConsumer ScheduleRelease { get; } = Declare("schedule-release", ChangeFeedUrgency.Deferrable, startsDurableWork: true, Containers.Assessments);

    public static ChangeFeedConsumer NotificationDispatch { get; } = Declare("notification-dispatch", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Notifications);

    public static ChangeFeedConsumer IntegrationEventDispatch { get; } = Declare("integration-event-dispatch", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.IntegrationEvents);

    /// <summary>
    /// Per-course, per-day usage from students' learning events (docs/insight.md, "Usage"); their submissions reach the same
    /// projection through <see cref="UsageOnSubmissions"/>, a part of <see cref="SubmissionInsights"/>.
    /// </summary>
    public static ChangeFeedConsumer UsageProjection { get; } = Declare("usage-projection", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.UsageEvents);

    /// <summary>
    /// Each student's weekly mastery per skill and active modules per course, for the weekly heatmaps (docs/insight.md, "Weekly
    /// heatmaps"), from usage events; released submissions reach it through <see cref="AnalyticsWeeksOnSubmissions"/>, a part of <see cref="SubmissionInsights"/>.
    /// </summary>
    public static ChangeFeedConsumer AnalyticsWeeksProjection { get; } = Declare("analytics-weeks-projection", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.UsageEvents);

    /// <summary>
    /// A course's item × section sums for the item × section heatmap (docs/insight.md, "Heatmap: item × section"), from enrollments
    /// and assessments; submissions reach it through <see cref="AnalyticsItemsOnSubmissions"/>, a part of <see cref="SubmissionInsights"/>.
    /// </summary>
    public static ChangeFeedConsumer AnalyticsItemsProjection { get; } =
        Declare("analytics-items-projection", ChangeFeedUrgency.Deferrable, startsDurableWork: false, Containers.Enrollments, Containers.Assessments);

    public static IReadOnlyList<ChangeFeedConsumer> All { get; } =
        [StartGrading, SubmissionInsights, StartRegrade, StartRelease, StartTagging, TagChangedItems, StartWorkflowRuns, ScheduleRelease, NotificationDispatch,
         IntegrationEventDispatch, UsageProjection, AnalyticsWeeksProjection, AnalyticsItemsProjection];

    public static ChangeFeedConsumer? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>How the registered handlers differ from the catalog (empty when they match exactly).</summary>
    public static IReadOnlyList<string> Differences(IEnumerable<IChangeFeedHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var registered = handlers.ToList();
        var problems = new List<string>();
        foreach (var group in registered.GroupBy(h => h.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Change-feed handler '{group.Key}' is registered {group.Count()} times.");
        }

        foreach (var handler in registered.DistinctBy(h => h.Name))
        {
            // A plain local, no pattern variable: Stryker's safe mode would drop every mutant of the method (docs/mutation.md).
            var declared = Find(handler.Name);
            if (declared is null)
            {
                problems.Add($"Change-feed handler '{handler.Name}' ({handler.GetType().Name}) is not in ChangeFeedCatalog.");
            }
            else
            {
                problems.AddRange(Mismatch(declared, handler));
            }
        }

        problems.AddRange(All.Where(c => registered.All(h => h.Name != c.Name)).Select(c => $"ChangeFeedCatalog declares '{c.Name}' but no handler is registered for it."));
        return problems;
    }

    /// <summary>Stops the host at start-up when the registered handlers are not exactly the catalog's.</summary>
    public static void EnsureMatches(IEnumerable<IChangeFeedHandler> handlers)
    {
        var problems = Differences(handlers);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The change-feed handlers do not match ChangeFeedCatalog:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>How one registered handler (and, for a composite, each of its parts in order) differs from its declaration.</summary>
    private static IEnumerable<string> Mismatch(ChangeFeedConsumer declared, IChangeFeedHandler handler)
    {
        if (declared.Urgency != handler.Urgency || !declared.Containers.SetEquals(handler.Containers))
        {
            yield return $"Change-feed handler '{handler.Name}' reads {Listed(handler.Containers)} as {handler.Urgency}; " +
                $"the catalog declares {Listed(declared.Containers)} as {declared.Urgency}.";
        }

        var parts = (handler as IChangeFeedComposite)?.Parts ?? [];
        if (!declared.Parts.Select(p => p.Name).SequenceEqual(parts.Select(p => p.Name), StringComparer.Ordinal))
        {
            yield return $"Change-feed handler '{handler.Name}' runs parts [{string.Join(", ", parts.Select(p => p.Name))}]; " +
                $"the catalog declares [{string.Join(", ", declared.Parts.Select(p => p.Name))}].";
            yield break;
        }

        foreach (var (part, declaredPart) in parts.Zip(declared.Parts))
        {
            foreach (var problem in Mismatch(declaredPart, part))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Containers as "[a, b]", in ordinal order.</summary>
    private static string Listed(IEnumerable<string> containers) => $"[{string.Join(", ", containers.Order(StringComparer.Ordinal))}]";

    private static ChangeFeedConsumer Declare(string name, ChangeFeedUrgency urgency, bool startsDurableWork, params string[] containers) =>
        new(name, urgency, startsDurableWork, new HashSet<string>(containers, StringComparer.Ordinal));
}
