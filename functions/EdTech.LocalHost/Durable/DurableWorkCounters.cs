using System.Diagnostics.Metrics;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// Work the embedded engine completed: orchestration and activity work items, and the history events
/// the orchestration steps appended. Published as "EdTech.Durable" metrics and summarised in the log
/// by <see cref="DurableThroughputReporter"/>, so benchmarks can set them beside published figures
/// for managed back-ends (events/s, work items/s).
/// </summary>
public sealed class DurableWorkCounters : IDisposable
{
    public const string MeterName = "EdTech.Durable";
    private readonly Meter meter = new(MeterName);
    private long orchestrationWorkItems;
    private long activityWorkItems;
    private long historyEvents;

    public DurableWorkCounters()
    {
        meter.CreateObservableCounter("edtech.durable.orchestration_work_items", () => Volatile.Read(ref orchestrationWorkItems), description: "Orchestration work items completed");
        meter.CreateObservableCounter("edtech.durable.activity_work_items", () => Volatile.Read(ref activityWorkItems), description: "Activity work items completed");
        meter.CreateObservableCounter("edtech.durable.history_events", () => Volatile.Read(ref historyEvents), description: "History events appended by orchestration work items");
    }

    public DurableWorkSnapshot Snapshot() => new(Volatile.Read(ref orchestrationWorkItems), Volatile.Read(ref activityWorkItems), Volatile.Read(ref historyEvents));

    public void OrchestrationCompleted(int newEvents)
    {
        Interlocked.Increment(ref orchestrationWorkItems);
        Interlocked.Add(ref historyEvents, newEvents);
    }

    public void ActivityCompleted() => Interlocked.Increment(ref activityWorkItems);

    public void Dispose() => meter.Dispose();
}

public sealed record DurableWorkSnapshot(long OrchestrationWorkItems, long ActivityWorkItems, long HistoryEvents)
{
    public long WorkItems => OrchestrationWorkItems + ActivityWorkItems;

    public DurableWorkSnapshot Minus(DurableWorkSnapshot earlier) =>
        new(OrchestrationWorkItems - earlier.OrchestrationWorkItems, ActivityWorkItems - earlier.ActivityWorkItems, HistoryEvents - earlier.HistoryEvents);
}
