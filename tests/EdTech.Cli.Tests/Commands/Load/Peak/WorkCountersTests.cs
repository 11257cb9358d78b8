using EdTech.Cli.Commands.Load.Peak;

namespace EdTech.Cli.Tests.Commands.Load.Peak;

public sealed class WorkCountersTests
{
    private static readonly MetricsSnapshot Before = MetricsSnapshot.Parse(PrometheusSamples.Before);
    private static readonly MetricsSnapshot After = MetricsSnapshot.Parse(PrometheusSamples.After);

    [Fact]
    public void PerSubmission_DividesTheIncreaseBySubmissions_ByContainerAndConsumer()
    {
        var counters = WorkCounters.PerSubmission(Before, After, 1000).ToDictionary(c => c.Metric);

        var writes = counters["edtech_store_writes"];
        Assert.Equal(4.0, writes.Total);
        Assert.Equal(3.0, writes.By["submissions"]);
        Assert.Equal(1.0, writes.By["audit"]); // first seen after the start: counted from zero
        Assert.Equal(0.0, writes.By["users"]);
        var changes = counters["edtech_changefeed_changes"];
        Assert.Equal(3.0, changes.Total); // every outcome counts: a poisoned change was delivered too
        Assert.Equal(1.0, changes.By["start-grading"]);
        Assert.Equal(2.0, changes.By["submission-projection"]);
        Assert.Equal(3.0, counters["edtech_durable_orchestration_work_items"].Total);
    }

    [Fact]
    public void PerSubmission_MetricTheHostDoesNotExpose_IsNullNotZero()
    {
        var counters = WorkCounters.PerSubmission(Before, After, 1000).ToDictionary(c => c.Metric);

        Assert.Null(counters["edtech_changefeed_batches"].Total);
        Assert.Null(counters["edtech_durable_timers"].Total);
        Assert.Null(counters["edtech_durable_activity_work_items"].Total);
    }

    [Fact]
    public void Print_ShowsNaForMissingAndTheMovedGroupsOnly()
    {
        var output = new StringWriter();

        WorkCounters.Print(output, WorkCounters.PerSubmission(Before, After, 1000), 1000);

        var lines = output.ToString().Split('\n');
        var writes = lines.Single(l => l.Contains("store writes", StringComparison.Ordinal));
        Assert.Contains("4.00", writes, StringComparison.Ordinal);
        Assert.Contains("submissions 3.00, audit 1.00", writes, StringComparison.Ordinal);
        Assert.DoesNotContain("users", writes, StringComparison.Ordinal);
        Assert.Contains("n/a", lines.Single(l => l.Contains("change-feed handler batches", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void SameWork_IsFalseWhenAnyWorkCounterMoved()
    {
        Assert.True(MetricsScraper.SameWork(After, MetricsSnapshot.Parse(PrometheusSamples.After)));
        Assert.False(MetricsScraper.SameWork(Before, After));
    }
}
