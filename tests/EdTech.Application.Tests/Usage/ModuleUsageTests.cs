using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Usage;
using EdTech.Domain.Usage;

namespace EdTech.Application.Tests.Usage;

/// <summary>Drop-off per module from the projection's per-student module progress, and the projection's idempotence under redelivery.</summary>
public sealed class ModuleUsageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-30T12:00:00Z", null);

    private readonly UsageWorld _world = new(Now);

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Modules_InOrder_CountStartedCompletedInProgressAndDroppedOff()
    {
        await _world.AddModuleAsync("week2", 2, "j1");
        await _world.AddModuleAsync("week1", 1, "i1", "i2");
        await _world.AddModuleAsync("week3", 3, "k1");
        var d = ModuleDropOff.InactiveAfter;
        await _world.Projection.HandleAsync(
        [
            // week1: s1 completes every item, s2 completes the module itself, s3 and s4 stop (one exactly 14 days ago), s5 is 1 s short.
            await _world.EventAsync("s1", "e1", "completed", "content", "week1/i1", Now.AddDays(-30)),
            await _world.EventAsync("s1", "e2", "completed", "content", "week1/i2", Now.AddDays(-29)),
            await _world.EventAsync("s2", "e1", "viewed", "content", "week1/i1", Now.AddDays(-30)),
            await _world.EventAsync("s2", "e2", "completed", "content", "week1", Now.AddDays(-20)),
            await _world.EventAsync("s3", "e1", "viewed", "content", "week1/i1", Now.AddDays(-20)),
            await _world.EventAsync("s3", "e2", "completed", "content", "week1/i1", Now.AddDays(-20)), // one item of two: not complete
            await _world.EventAsync("s4", "e1", "started", "content", "week1", Now - d),
            await _world.EventAsync("s5", "e1", "started", "content", "week1", Now - d + TimeSpan.FromSeconds(1)),
            // week2: s1 completes it; s2 views it today after a 20-day-old start (in progress, by the last event).
            await _world.EventAsync("s1", "e3", "completed", "content", "week2/j1", Now.AddDays(-25)),
            await _world.EventAsync("s2", "e3", "started", "content", "week2", Now.AddDays(-20)),
            await _world.EventAsync("s2", "e4", "viewed", "content", "week2/j1", Now.AddHours(-1)),
            // Not module activity: an assessment event, and content of a module the course no longer has.
            await _world.EventAsync("s6", "e1", "started", "assessment", "quiz1", Now.AddDays(-20)),
            await _world.EventAsync("s6", "e2", "viewed", "content", "gone", Now.AddDays(-20)),
        ], default);

        var usage = (await _world.Modules.HandleAsync(_world.Teacher, UsageWorld.Course, default)).Value!;

        Assert.Equal((Now, 14), (usage.AsOf, usage.InactiveDays));
        Assert.Equal(
        [
            new ModuleUsageView("week1", "Module week1", 1, Started: 5, Completed: 2, InProgress: 1, DroppedOff: 2),
            new ModuleUsageView("week2", "Module week2", 2, Started: 2, Completed: 1, InProgress: 1, DroppedOff: 0),
            new ModuleUsageView("week3", "Module week3", 3, Started: 0, Completed: 0, InProgress: 0, DroppedOff: 0),
        ], usage.Modules);
    }

    [Fact]
    public async Task Modules_ACourseTheTenantDoesNotHave_IsNotFound()
    {
        var outcome = await _world.Modules.HandleAsync(_world.Teacher, "nope", default);

        Assert.Equal(Common.ProblemKind.NotFound, outcome.Problem!.Kind);
    }

    [Fact]
    public async Task Redelivery_OfEveryKindOfChange_InAnyOrder_WritesNothingAgain()
    {
        await _world.EnrollAsync("s1", "sec-a");
        var batch = new List<StoredDocument>
        {
            await _world.EventAsync("s1", "e1", "started", "content", "week1", Now.AddDays(-3), 30),
            await _world.EventAsync("s1", "e2", "completed", "content", "week1/i1", Now.AddDays(-3).AddMinutes(5), 60),
            await _world.EventAsync("s1", "e3", "completed", "content", "week1", Now.AddDays(-3).AddMinutes(9)),
            await _world.EventAsync("s2", "e1", "viewed", "content", "week1/i2", Now.AddDays(-3)),
        };
        await _world.Projection.HandleAsync(batch, default);
        var before = await SnapshotAsync();

        await _world.Projection.HandleAsync(batch, default);
        await _world.Projection.HandleAsync([batch[2], batch[0]], default);
        await _world.Projection.HandleAsync([batch[1]], default);

        Assert.Equal(before, await SnapshotAsync()); // same ETags: not even rewritten
        var progress = (await _world.Store.GetAsync<UsageModuleProgressRecord>(UsageWorld.Tenant, UsageModuleProgressRecord.IdFor(UsageWorld.Course, "s1")))!.Value;
        var week1 = progress.Modules["week1"];
        Assert.Equal((Now.AddDays(-3), Now.AddDays(-3).AddMinutes(9), Now.AddDays(-3).AddMinutes(9)), (week1.FirstAt, week1.LastAt, week1.CompletedAt));
        Assert.Equal(["i1"], week1.CompletedItems);
        var day = (await _world.DayAsync("2026-06-27"))!;
        Assert.Equal((2, 2, 1.0, 90.0), (day.ActiveStudents, day.Completions, day.Completion, day.MedianTimeOnTaskSeconds));
    }

    [Fact]
    public async Task ModuleProgress_EventsArrivingOutOfOrder_KeepTheEarliestStartAndCompletionAndTheLatestActivity()
    {
        var late = await _world.EventAsync("s1", "e2", "completed", "content", "week1", Now.AddDays(-1));
        var early = await _world.EventAsync("s1", "e1", "completed", "content", "week1", Now.AddDays(-5));

        await _world.Projection.HandleAsync([late], default);
        await _world.Projection.HandleAsync([early], default);

        var week1 = (await _world.Store.GetAsync<UsageModuleProgressRecord>(UsageWorld.Tenant, UsageModuleProgressRecord.IdFor(UsageWorld.Course, "s1")))!.Value.Modules["week1"];
        Assert.Equal((Now.AddDays(-5), Now.AddDays(-1), Now.AddDays(-5)), (week1.FirstAt, week1.LastAt, week1.CompletedAt));
    }

    private async Task<string> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var container in new[] { Containers.UsageStudentDays, Containers.UsageModuleProgress, Containers.CourseUsage })
        {
            foreach (var partition in new[] { UsageWorld.Course, UsageStudentDayRecord.PartitionFor(UsageWorld.Course, "2026-06-27") })
            {
                rows.AddRange((await _world.Store.QueryAsync(UsageWorld.Tenant, container, DocumentQuery.InPartition(partition))).Select(d => $"{container}|{d.Id}|{d.ETag}"));
            }
        }

        Assert.Equal(5, rows.Count); // two student-days, two progress records, one course day
        return string.Join('\n', rows);
    }
}
