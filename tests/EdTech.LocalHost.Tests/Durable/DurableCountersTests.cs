using System.Diagnostics.Metrics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace EdTech.LocalHost.Tests.Durable;

/// <summary>Waits on a short durable timer, then for the external event "go"; returns the event's value.</summary>
public sealed class TimerThenSignalOrchestrator : TaskOrchestrator<object?, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(50), CancellationToken.None);
        return await context.WaitForExternalEvent<int>("go");
    }
}

/// <summary>The engine's "EdTech.Durable" counters of orchestrations started, timers created and external events received.</summary>
public sealed class DurableCountersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OrchestrationWithATimerAndAnEvent_CountsOneStartOneTimerOneEvent_OnItsMeter()
    {
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(Patience);
        var before = host.Counters.Snapshot();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerThenSignalOrchestrator), cancellation: cts.Token);
        await host.Client.RaiseEventAsync(id, "go", 7, cts.Token);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(7, result.ReadOutputAs<int>());
        var done = host.Counters.Snapshot().Minus(before);
        Assert.Equal((1, 1, 1), (done.OrchestrationsStarted, done.Timers, done.EventsRaised));
        var observed = Observe(host.Counters.Meter);
        Assert.Equal(1, observed["edtech.durable.orchestrations_started"]);
        Assert.Equal(1, observed["edtech.durable.timers"]);
        Assert.Equal(1, observed["edtech.durable.events_raised"]);
    }

    [Fact]
    public async Task OrchestrationsWithoutTimersOrEvents_CountStartsOnly()
    {
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(Patience);
        var before = host.Counters.Snapshot();

        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), new GreetingRequest($"s{i}", i), cts.Token)));
        await Task.WhenAll(ids.Select(id => host.Client.WaitForInstanceCompletionAsync(id, cts.Token)));

        var done = host.Counters.Snapshot().Minus(before);
        Assert.Equal((3, 0, 0), (done.OrchestrationsStarted, done.Timers, done.EventsRaised));
        Assert.Equal(3, Observe(host.Counters.Meter)["edtech.durable.orchestrations_started"]);
    }

    /// <summary>The current values of <paramref name="meter"/>'s observable counters, as a MeterListener (the exporters) reads them.</summary>
    private static Dictionary<string, long> Observe(Meter meter)
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
