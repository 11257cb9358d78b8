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
        Assert.Empty(ChangeFeedCatalog.Differences(ChangeFeedCatalog.All.Select(c => new Handler(c.Name, c.Urgency, [.. c.Containers]))));
    }

    [Fact]
    public void Differences_NameEachMismatch()
    {
        var handlers = ChangeFeedCatalog.All
            .Where(c => c != ChangeFeedCatalog.LearnerState)
            .Select(c => c == ChangeFeedCatalog.ReviewQueueProjection ? new Handler(c.Name, ChangeFeedUrgency.Immediate, [.. c.Containers]) : new Handler(c.Name, c.Urgency, [.. c.Containers]))
            .Append(new Handler("extra", ChangeFeedUrgency.Deferrable, Containers.Courses))
            .Append(new Handler(ChangeFeedCatalog.StartGrading.Name, ChangeFeedUrgency.Immediate, Containers.Submissions))
            .ToList();

        var problems = ChangeFeedCatalog.Differences(handlers);

        Assert.Contains(problems, p => p.Contains("'start-grading' is registered 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'extra' (Handler) is not in ChangeFeedCatalog", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'review-queue-projection' reads [submissions] as Immediate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("declares 'learner-state' but no handler is registered", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
        Assert.Throws<InvalidOperationException>(() => ChangeFeedCatalog.EnsureMatches(handlers));
    }

    private sealed class Handler(string name, ChangeFeedUrgency urgency, params string[] containers) : IChangeFeedHandler
    {
        public string Name => name;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string>(containers);

        public ChangeFeedUrgency Urgency => urgency;

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
