using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Application.Tests.ChangeFeed;

public sealed class ChangeFeedCatalogTests
{
    [Fact]
    public void Catalog_NamesAndLeasePrefixesAreUnique()
    {
        var leases = ChangeFeedCatalog.All.SelectMany(c => c.Containers.Select(c.LeasePrefix)).ToList();

        Assert.Equal(ChangeFeedCatalog.All.Count, ChangeFeedCatalog.All.Select(c => c.Name).Distinct().Count());
        Assert.Equal(leases.Count, leases.Distinct().Count());
        Assert.All(ChangeFeedCatalog.All, c => Assert.NotEmpty(c.Containers));
    }

    [Fact]
    public void Differences_ForExactlyTheCatalog_AreNone()
    {
        Assert.Empty(ChangeFeedCatalog.Differences(ChangeFeedCatalog.All.Select(Fake)));
    }

    [Fact]
    public void Differences_NameEachMismatch()
    {
        var handlers = ChangeFeedCatalog.All
            .Where(c => c != ChangeFeedCatalog.AnalyticsWeeksProjection)
            .Select(c => Fake(c, part => part == ChangeFeedCatalog.ReviewQueueProjection ? new Handler(part.Name, ChangeFeedUrgency.Immediate, [.. part.Containers]) : null))
            .Append(new Handler("extra", ChangeFeedUrgency.Deferrable, Containers.Courses))
            .Append(new Handler(ChangeFeedCatalog.StartGrading.Name, ChangeFeedUrgency.Immediate, Containers.Submissions))
            .ToList();

        var problems = ChangeFeedCatalog.Differences(handlers);

        Assert.Contains(problems, p => p.Contains("'start-grading' is registered 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'extra' (Handler) is not in ChangeFeedCatalog", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'review-queue-projection' reads [submissions] as Immediate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("declares 'analytics-weeks-projection' but no handler is registered", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
        Assert.Throws<InvalidOperationException>(() => ChangeFeedCatalog.EnsureMatches(handlers));
    }

    [Fact]
    public void Catalog_PinsEachConsumersName_Urgency_DurableWork_AndContainers()
    {
        // The names are the LocalHost checkpoint keys and the Azure lease prefixes: renaming one restarts that consumer from the beginning.
        var expected = new (string Name, ChangeFeedUrgency Urgency, bool StartsDurableWork, string Containers)[]
        {
            ("start-grading", ChangeFeedUrgency.Immediate, true, Containers.Submissions),
            ("submission-insights", ChangeFeedUrgency.Deferrable, false, Containers.Submissions),
            ("start-regrade", ChangeFeedUrgency.Immediate, true, Containers.Assessments),
            ("start-release", ChangeFeedUrgency.Immediate, true, Containers.Assessments),
            ("start-tagging", ChangeFeedUrgency.Immediate, true, Containers.TaggingJobs),
            ("tag-changed-items", ChangeFeedUrgency.Deferrable, true, Containers.Assessments),
            ("start-workflow-runs", ChangeFeedUrgency.Immediate, true, Containers.WorkflowRuns),
            ("schedule-release", ChangeFeedUrgency.Deferrable, true, Containers.Assessments),
            ("notification-dispatch", ChangeFeedUrgency.Deferrable, false, Containers.Notifications),
            ("integration-event-dispatch", ChangeFeedUrgency.Deferrable, false, Containers.IntegrationEvents),
            ("usage-projection", ChangeFeedUrgency.Deferrable, false, Containers.UsageEvents),
            ("analytics-weeks-projection", ChangeFeedUrgency.Deferrable, false, Containers.UsageEvents),
            ("analytics-items-projection", ChangeFeedUrgency.Deferrable, false, $"{Containers.Assessments},{Containers.Enrollments}"),
        };

        Assert.Equal(expected, ChangeFeedCatalog.All.Select(c => (c.Name, c.Urgency, c.StartsDurableWork, string.Join(",", c.Containers.Order(StringComparer.Ordinal)))));
    }

    [Fact]
    public void SubmissionInsights_PinsItsDeferrablePartsInOrder_TheViewsFirst_AndTheCheckpointsItTakesOver()
    {
        var parts = ChangeFeedCatalog.SubmissionInsights.Parts;

        Assert.Equal(["submission-projection", "review-queue-projection", "assessment-statistics-projection", "learner-state", "usage-on-submissions", "analytics-items-on-submissions", "analytics-weeks-on-submissions"], parts.Select(p => p.Name));
        Assert.All(parts, p => Assert.Equal((ChangeFeedUrgency.Deferrable, false, Containers.Submissions), (p.Urgency, p.StartsDurableWork, string.Join(",", p.Containers))));
        Assert.Equal(["submission-projection", "review-queue-projection", "assessment-statistics-projection", "learner-state", "usage-projection", "analytics-items-projection", "analytics-weeks-projection"], ChangeFeedCatalog.SubmissionInsights.TakesOverCheckpoints);
        // Only the views joined the composite after it had a checkpoint of its own: the one the LocalHost goes back to once.
        Assert.Equal(["submission-projection"], ChangeFeedCatalog.SubmissionInsights.RewindsToJoinedCheckpoints);
        Assert.Empty(ChangeFeedCatalog.StartGrading.TakesOverCheckpoints);
        Assert.Empty(ChangeFeedCatalog.StartGrading.RewindsToJoinedCheckpoints);
        Assert.DoesNotContain(ChangeFeedCatalog.All, c => parts.Any(p => p.Name == c.Name));
    }

    [Fact]
    public void Differences_CompositeRunningOtherParts_IsNamed()
    {
        var handlers = ChangeFeedCatalog.All.Select(c => c == ChangeFeedCatalog.SubmissionInsights
            ? new Composite(c.Name, c.Urgency, [.. c.Containers], [.. c.Parts.Reverse().Select(p => new Handler(p.Name, p.Urgency, [.. p.Containers]))])
            : Fake(c));

        var problem = Assert.Single(ChangeFeedCatalog.Differences(handlers));

        Assert.Equal("Change-feed handler 'submission-insights' runs parts [analytics-weeks-on-submissions, analytics-items-on-submissions, usage-on-submissions, learner-state, assessment-statistics-projection, review-queue-projection, submission-projection]; " +
            "the catalog declares [submission-projection, review-queue-projection, assessment-statistics-projection, learner-state, usage-on-submissions, analytics-items-on-submissions, analytics-weeks-on-submissions].", problem);
    }

    [Fact]
    public void LeasePrefix_IsConsumerDotContainerDot()
    {
        Assert.Equal("start-grading.submissions.", ChangeFeedCatalog.StartGrading.LeasePrefix(Containers.Submissions));
    }

    [Fact]
    public void Find_ByExactName_OrNull()
    {
        Assert.Same(ChangeFeedCatalog.StartRelease, ChangeFeedCatalog.Find("start-release"));
        Assert.Null(ChangeFeedCatalog.Find("Start-Release"));
        Assert.Null(ChangeFeedCatalog.Find("nobody"));
    }

    [Fact]
    public void Differences_SameUrgencyOtherContainers_IsNamed()
    {
        var handlers = ChangeFeedCatalog.All
            .Select(c => Fake(c, part => part == ChangeFeedCatalog.LearnerState ? new Handler(part.Name, part.Urgency, Containers.Submissions, Containers.Courses) : null));

        var problem = Assert.Single(ChangeFeedCatalog.Differences(handlers));

        Assert.Equal("Change-feed handler 'learner-state' reads [courses, submissions] as Deferrable; the catalog declares [submissions] as Deferrable.", problem);
    }

    [Fact]
    public void Differences_NamesTheExactProblems()
    {
        var handlers = ChangeFeedCatalog.All.Skip(1).Select(Fake)
            .Append(new Handler("extra", ChangeFeedUrgency.Deferrable, Containers.Courses))
            .Append(new Handler("extra", ChangeFeedUrgency.Deferrable, Containers.Courses))
            .Append(new Handler("extra", ChangeFeedUrgency.Deferrable, Containers.Courses));

        Assert.Equal(
            [
                "Change-feed handler 'extra' is registered 3 times.",
                "Change-feed handler 'extra' (Handler) is not in ChangeFeedCatalog.",
                "ChangeFeedCatalog declares 'start-grading' but no handler is registered for it.",
            ],
            ChangeFeedCatalog.Differences(handlers));
        Assert.Equal("handlers", Assert.Throws<ArgumentNullException>(() => ChangeFeedCatalog.Differences(null!)).ParamName);
    }

    [Fact]
    public void EnsureMatches_ExactlyTheCatalog_Passes_OtherwiseThrowsListingEachProblem()
    {
        var exact = ChangeFeedCatalog.All.Select(Fake).ToList();

        ChangeFeedCatalog.EnsureMatches(exact);
        var error = Assert.Throws<InvalidOperationException>(() => ChangeFeedCatalog.EnsureMatches(exact.Skip(1)));

        Assert.Equal("The change-feed handlers do not match ChangeFeedCatalog:" + Environment.NewLine +
            "ChangeFeedCatalog declares 'start-grading' but no handler is registered for it.", error.Message);
    }

    [Fact]
    public async Task CatalogCheck_StopsTheHostAtStart_OnlyWhenTheHandlersDiffer()
    {
        var exact = ChangeFeedCatalog.All.Select(Fake).ToList();

        await new ChangeFeedCatalogCheck(exact).StartAsync(CancellationToken.None);
        await new ChangeFeedCatalogCheck(exact).StopAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ChangeFeedCatalogCheck(exact.Skip(1)).StartAsync(CancellationToken.None));

        Assert.Contains("'start-grading'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A handler as the catalog declares it (a composite with its declared parts); <paramref name="part"/> may replace a part.</summary>
    private static IChangeFeedHandler Fake(ChangeFeedConsumer c) => Fake(c, _ => null);

    private static IChangeFeedHandler Fake(ChangeFeedConsumer c, Func<ChangeFeedConsumer, IChangeFeedHandler?> part) => c.Parts.Count == 0
        ? new Handler(c.Name, c.Urgency, [.. c.Containers])
        : new Composite(c.Name, c.Urgency, [.. c.Containers], [.. c.Parts.Select(p => part(p) ?? new Handler(p.Name, p.Urgency, [.. p.Containers]))]);

    private sealed class Composite(string name, ChangeFeedUrgency urgency, string[] containers, IReadOnlyList<IChangeFeedHandler> parts) : IChangeFeedComposite
    {
        public string Name => name;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string>(containers);

        public ChangeFeedUrgency Urgency => urgency;

        public IReadOnlyList<IChangeFeedHandler> Parts => parts;

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Handler(string name, ChangeFeedUrgency urgency, params string[] containers) : IChangeFeedHandler
    {
        public string Name => name;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string>(containers);

        public ChangeFeedUrgency Urgency => urgency;

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
