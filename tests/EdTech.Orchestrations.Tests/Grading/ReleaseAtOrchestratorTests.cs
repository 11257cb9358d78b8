using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Release;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>The per-assessment release timer in the real in-process durable engine over the real SQLite store.</summary>
public sealed class ReleaseAtOrchestratorTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    [Fact]
    public async Task ScheduledRelease_TimerFires_GradedWorkReleasedWithoutTheSweep()
    {
        var releaseAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var assessment = await host.SeedAssessmentAsync("a-timer", new ReleasePolicy(ReleasePolicy.Scheduled, releaseAt), DateTimeOffset.UtcNow.AddDays(-1));
        await host.SeedSubmissionAsync("t-1", assessment, DateTimeOffset.UtcNow.AddDays(-2));
        await host.SeedSubmissionAsync("t-2", assessment, DateTimeOffset.UtcNow.AddDays(-2));
        await host.RunAsync("t-1");
        await host.RunAsync("t-2");
        Assert.Equal(SubmissionStatus.Graded, (await host.GetSubmissionAsync("t-1"))!.Value.Status);

        var timer = new DurableReleaseTimer(new RegisteredDurableClientSource(host.Client));
        await timer.ScheduleAsync(GradingHostFixture.Tenant, "a-timer", releaseAt, CancellationToken.None);
        var done = await WaitAsync(new ReleaseAtInput(GradingHostFixture.Tenant, "a-timer", releaseAt).InstanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<bool>());
        Assert.True(done.LastUpdatedAt >= releaseAt, $"woke at {done.LastUpdatedAt:O}, before {releaseAt:O}");
        await EventuallyReleasedAsync("t-1", "t-2");
    }

    [Fact]
    public async Task ReleaseTimeMovedLater_OldTimerWakes_ReleasesNothing()
    {
        var moved = DateTimeOffset.UtcNow.AddDays(2);
        var assessment = await host.SeedAssessmentAsync("a-moved", new ReleasePolicy(ReleasePolicy.Scheduled, moved), DateTimeOffset.UtcNow.AddDays(-1));
        await host.SeedSubmissionAsync("m-1", assessment, DateTimeOffset.UtcNow.AddDays(-2));
        await host.RunAsync("m-1");
        var stale = DateTimeOffset.UtcNow.AddSeconds(1);

        await new DurableReleaseTimer(new RegisteredDurableClientSource(host.Client)).ScheduleAsync(GradingHostFixture.Tenant, "a-moved", stale, CancellationToken.None);
        var done = await WaitAsync(new ReleaseAtInput(GradingHostFixture.Tenant, "a-moved", stale).InstanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.False(done.ReadOutputAs<bool>());
        Assert.Equal(SubmissionStatus.Graded, (await host.GetSubmissionAsync("m-1"))!.Value.Status);
        Assert.Null((await host.Store.GetAsync<AssessmentRecord>(GradingHostFixture.Tenant, "a-moved"))!.Value.ReleasedAt);
    }

    [Fact]
    public async Task SameSchedule_ScheduledTwice_OneInstance()
    {
        var releaseAt = DateTimeOffset.UtcNow.AddHours(1);
        await host.SeedAssessmentAsync("a-twice", new ReleasePolicy(ReleasePolicy.Scheduled, releaseAt), DateTimeOffset.UtcNow.AddDays(-1));
        var timer = new DurableReleaseTimer(new RegisteredDurableClientSource(host.Client));
        var id = new ReleaseAtInput(GradingHostFixture.Tenant, "a-twice", releaseAt).InstanceId;

        await timer.ScheduleAsync(GradingHostFixture.Tenant, "a-twice", releaseAt, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await host.Client.WaitForInstanceStartAsync(id, cts.Token);
        await timer.ScheduleAsync(GradingHostFixture.Tenant, "a-twice", releaseAt, CancellationToken.None);
        var second = await host.Client.GetInstanceAsync(id);

        Assert.StartsWith($"{GradingHostFixture.Tenant}:release-at:a-twice:", id, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, second!.RuntimeStatus);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        await host.Client.TerminateInstanceAsync(id);
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    private async Task EventuallyReleasedAsync(params string[] ids)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var statuses = new List<SubmissionStatus>();
            foreach (var id in ids)
            {
                statuses.Add((await host.GetSubmissionAsync(id))!.Value.Status);
            }

            if (statuses.All(s => s == SubmissionStatus.Released))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("not all released within 60 s: " + string.Join(", ", ids));
    }
}
