using EdTech.LocalHost.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.LocalHost.Tests.Durable;

/// <summary>The in-memory engine forgets finished instances once they are older than the retention, and only those.</summary>
public sealed class CompletedInstancePurgerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly LocalDurableEngineOptions Options = new(".") { CompletedRetention = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task PurgeOnce_FinishedInstancesOlderThanTheRetention_AreRemoved_RunningAndYoungerOnesStay()
    {
        await using var host = await DurableTestHost.StartAsync();
        using var cts = new CancellationTokenSource(Patience);
        var finished = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), new GreetingRequest($"s{i}", i), cts.Token)));
        await Task.WhenAll(finished.Select(id => host.Client.WaitForInstanceCompletionAsync(id, cts.Token)));
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForSignalOrchestrator), cancellation: cts.Token);
        await host.Client.WaitForInstanceStartAsync(waiting, cts.Token);

        var withinRetention = await Purger(host, DateTimeOffset.UtcNow.AddMinutes(9)).PurgeOnceAsync(cts.Token);
        var stillThere = await Task.WhenAll(finished.Select(id => host.Client.GetInstanceAsync(id, cts.Token)));
        var pastRetention = await Purger(host, DateTimeOffset.UtcNow.AddMinutes(11)).PurgeOnceAsync(cts.Token);

        Assert.Equal(0, withinRetention);
        Assert.All(stillThere, i => Assert.Equal(OrchestrationRuntimeStatus.Completed, i?.RuntimeStatus));
        Assert.Equal(5, pastRetention);
        Assert.All(await Task.WhenAll(finished.Select(id => host.Client.GetInstanceAsync(id, cts.Token))), Assert.Null);
        // Not finished (waiting for an event, as a grading waits for a review): never purged, whatever its age.
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(waiting, cts.Token))?.RuntimeStatus);
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("00:30:00", 1800)]
    [InlineData("0", 0)]
    public void CompletedRetentionFrom_Setting_IsTheRetention(string? value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LocalHostRuntime.CompletedRetentionFrom(value));

    [Fact]
    public void CompletedRetentionFrom_Garbage_StopsStartUpNamingTheSetting() =>
        Assert.Contains("Durable:CompletedRetention", Assert.Throws<InvalidOperationException>(() => LocalHostRuntime.CompletedRetentionFrom("soon")).Message, StringComparison.Ordinal);

    private static CompletedInstancePurger Purger(DurableTestHost host, DateTimeOffset now) =>
        new(host.Backend, Options, new FixedClock(now), NullLogger<CompletedInstancePurger>.Instance);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
