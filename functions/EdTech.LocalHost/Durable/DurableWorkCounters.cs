using System.Diagnostics.Metrics;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// Work the embedded engine completed: orchestration and activity work items, the history events
/// the orchestration steps appended, and among those the orchestrations started (an execution's first step: sub-orchestrations
/// and continue-as-new included), the durable timers created and the external events an orchestration received. Published as "EdTech.Durable" metrics and summarised in the log
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
    private long orchestrationsStarted;
    private long timers;
    private long eventsRaised;

    public DurableWorkCounters()
    {
        meter.CreateObservableCounter("edtech.durable.orchestration_work_items", () => Volatile.Read(ref orchestrationWorkItems), description: "Orchestration work items completed");
        meter.CreateObservableCounter("edtech.durable.activity_work_items", () => Volatile.Read(ref activityWorkItems), description: "Activity work items completed");
        meter.CreateObservableCounter("edtech.durable.history_events", () => Volatile.Read(ref historyEvents), description: "History events appended by orchestration work items");
        meter.CreateObservableCounter("edtech.durable.orchestrations_started", () => Volatile.Read(ref orchestrationsStarted), description: "Orchestration executions started");
        meter.CreateObservableCounter("edtech.durable.timers", () => Volatile.Read(ref timers), description: "Durable timers created by orchestrations");
        meter.CreateObservableCounter("edtech.durable.events_raised", () => Volatile.Read(ref eventsRaised), description: "External events received by orchestrations");
    }

    /// <summary>This engine's meter (named <see cref="MeterName"/>; a listener tells one engine's instruments from another's by it).</summary>
    public Meter Meter => meter;

    public DurableWorkSnapshot Snapshot() => new(
        Volatile.Read(ref orchestrationWorkItems), Volatile.Read(ref activityWorkItems), Volatile.Read(ref historyEvents),
        Volatile.Read(ref orchestrationsStarted), Volatile.Read(ref timers), Volatile.Read(ref eventsRaised));

    /// <param name="newEvents">History events the step appended.</param>
    /// <param name="started">Of those, execution-started events (0 or 1).</param>
    /// <param name="timersCreated">Of those, timer-created events.</param>
    /// <param name="eventsReceived">Of those, external events (event-raised) the step received.</param>
    public void OrchestrationCompleted(int newEvents, int started = 0, int timersCreated = 0, int eventsReceived = 0)
    {
        Interlocked.Increment(ref orchestrationWorkItems);
        Interlocked.Add(ref historyEvents, newEvents);
        Interlocked.Add(ref orchestrationsStarted, started);
        Interlocked.Add(ref timers, timersCreated);
        Interlocked.Add(ref eventsRaised, eventsReceived);
    }

    public void ActivityCompleted() => Interlocked.Increment(ref activityWorkItems);

    public void Dispose() => meter.Dispose();
}

public sealed record DurableWorkSnapshot(
    long OrchestrationWorkItems, long ActivityWorkItems, long HistoryEvents, long OrchestrationsStarted = 0, long Timers = 0, long EventsRaised = 0)
{
    public long WorkItems => OrchestrationWorkItems + ActivityWorkItems;

    public DurableWorkSnapshot Minus(DurableWorkSnapshot earlier) =>
        new(OrchestrationWorkItems - earlier.OrchestrationWorkItems, ActivityWorkItems - earlier.ActivityWorkItems, HistoryEvents - earlier.HistoryEvents,
            OrchestrationsStarted - earlier.OrchestrationsStarted, Timers - earlier.Timers, EventsRaised - earlier.EventsRaised);
}
