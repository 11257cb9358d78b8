using System.Diagnostics;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace EdTech.LocalHost.Tests.Durable;

public sealed class LocalDurableEngineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ScheduleByClass_OneOrchestration_CompletesWithActivityOutputs()
    {
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(Patience);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(GreetingOrchestrator), new GreetingRequest("Ada", 21), cts.Token);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello, Ada (42)", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task OneOrchestrationWithTwoActivities_IsCountedAsWorkItemsAndHistoryEvents()
    {
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(Patience);
        var before = host.Counters.Snapshot();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), new GreetingRequest("Ada", 21), cts.Token);
        await host.Client.WaitForInstanceCompletionAsync(id, cts.Token);

        var done = host.Counters.Snapshot().Minus(before);
        // Start, then one step per activity result: 3 orchestration steps; the last completes the instance.
        Assert.Equal(3, done.OrchestrationWorkItems);
        Assert.Equal(2, done.ActivityWorkItems);
        Assert.True(done.HistoryEvents >= 2 * done.OrchestrationWorkItems, $"history events {done.HistoryEvents}");
    }

    [Fact]
    public async Task ThreeHundredConcurrentOrchestrations_AllCompleteWithTheirOwnOutputs()
    {
        // How fast is a benchmark figure (docs/benchmarks.md, durable engine throughput), not a unit-test threshold.
        const int count = 300;
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(300));

        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(GreetingOrchestrator), new GreetingRequest($"student-{i}", i), cts.Token)));
        var results = await Task.WhenAll(ids.Select(id =>
            host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token)));
        clock.Stop();

        output.WriteLine($"{count} orchestrations in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0}/s");
        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.Equal(
            Enumerable.Range(0, count).Select(i => $"Hello, student-{i} ({i * 2})"),
            results.Select(r => r.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task SixteenActivities_RunAtOnce_FarAboveTheCpuCountCap()
    {
        // An event, not a stopwatch: each activity holds until 16 run together; an engine capped near the CPU count never gets there.
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var ids = await Task.WhenAll(Enumerable.Range(0, host.Gate.Target).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GatedOrchestrator), i, cts.Token)));
        var results = await Task.WhenAll(ids.Select(id => host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token)));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.True(host.Gate.Peak >= host.Gate.Target, $"at most {host.Gate.Peak} activities ran at once (processors: {Environment.ProcessorCount})");
    }

    [Fact]
    public async Task ScheduleTwice_SameInstanceId_SecondReturnsFalse()
    {
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(Patience);
        var request = new GreetingRequest("Ada", 1);

        var first = await host.Client.TryScheduleAsync(nameof(GreetingOrchestrator), request, "grading-t1-s1", cts.Token);
        var whilePendingOrRunning = await host.Client.TryScheduleAsync(nameof(GreetingOrchestrator), request, "grading-t1-s1", cts.Token);
        await host.Client.WaitForInstanceCompletionAsync("grading-t1-s1", cts.Token);
        var afterCompletion = await host.Client.TryScheduleAsync(nameof(GreetingOrchestrator), request, "grading-t1-s1", cts.Token);

        Assert.True(first);
        Assert.False(whilePendingOrRunning);
        Assert.False(afterCompletion);
    }

    [Fact]
    public async Task TwoHosts_DifferentDataDirectories_RunSideBySideWithOwnServices()
    {
        await using var english = await DurableTestHost.StartAsync("Hello");
        await using var french = await DurableTestHost.StartAsync("Bonjour");
        using var cts = new CancellationTokenSource(Patience);

        // Same instance id in both: each host has its own backend, so neither sees the other's instance.
        Assert.True(await english.Client.TryScheduleAsync(nameof(GreetingOrchestrator), new GreetingRequest("Ada", 1), "same-id", cts.Token));
        Assert.True(await french.Client.TryScheduleAsync(nameof(GreetingOrchestrator), new GreetingRequest("Ada", 2), "same-id", cts.Token));
        var inEnglish = await english.Client.WaitForInstanceCompletionAsync("same-id", getInputsAndOutputs: true, cts.Token);
        var inFrench = await french.Client.WaitForInstanceCompletionAsync("same-id", getInputsAndOutputs: true, cts.Token);

        Assert.Equal("Hello, Ada (2)", inEnglish.ReadOutputAs<string>());
        Assert.Equal("Bonjour, Ada (4)", inFrench.ReadOutputAs<string>());
    }
}
