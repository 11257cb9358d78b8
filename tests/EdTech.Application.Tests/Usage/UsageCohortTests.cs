using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Usage;

namespace EdTech.Application.Tests.Usage;

/// <summary>A day's completion and its figures per enrollment section, with small sections hidden by the read.</summary>
public sealed class UsageCohortTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = DateTimeOffset.Parse("2026-06-01T09:00:00Z", null);

    private readonly UsageWorld _world = new(Morning.AddDays(4));

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Completion_IsTheShareOfTheDaysStartedObjectsTheSameStudentCompletedThatDay()
    {
        await _world.Projection.HandleAsync(
        [
            await _world.EventAsync("s1", "e1", "started", "assessment", "quiz1", Morning),
            await _world.EventAsync("s1", "e2", "completed", "assessment", "quiz1", Morning.AddMinutes(20)),
            await _world.EventAsync("s1", "e3", "started", "content", "week1", Morning),
            await _world.EventAsync("s2", "e1", "started", "item", "quiz1/q1", Morning),
            await _world.EventAsync("s2", "e2", "completed", "assessment", "quiz1", Morning), // s2 never started quiz1: not a started pair
            await _world.EventAsync("s3", "e1", "completed", "content", "week1", Morning), // a completion, but s3 started nothing
            await _world.EventAsync("s3", "e2", "started", "assessment", "quiz1", Morning.AddDays(1)), // another day
        ], default);

        var day = (await _world.DayAsync("2026-06-01"))!;
        var read = (await _world.UsageAsync("2026-06-01", "2026-06-02")).Days;

        Assert.Equal(3, day.Completions);
        Assert.Equal(1.0 / 3, day.Completion); // started: s1 quiz1, s1 week1, s2 quiz1/q1; completed of those: s1 quiz1
        Assert.Equal([1.0 / 3, 0.0], read.Select(d => d.Completion));
    }

    [Fact]
    public async Task Completion_NothingStarted_IsNull_NotZero()
    {
        await _world.Projection.HandleAsync([await _world.EventAsync("s1", "e1", "viewed", "content", "week1", Morning)], default);

        var days = (await _world.UsageAsync("2026-06-01", "2026-06-02")).Days;

        Assert.Equal([null, null], days.Select(d => d.Completion));
    }

    [Fact]
    public async Task BySection_GivesEachSectionsFigures_AndHidesAllButTheCountUnderTheMinimum()
    {
        var changes = new List<StoredDocument>();
        for (var i = 0; i < 5; i++)
        {
            await _world.EnrollAsync($"a{i}", "sec-a");
            changes.Add(await _world.EventAsync($"a{i}", "e1", "viewed", "content", "week1", Morning, duration: 60 * (i + 1)));
        }

        await _world.EnrollAsync("b0", "sec-b");
        await _world.EnrollAsync("b1", "sec-b");
        changes.Add(await _world.EventAsync("b0", "e1", "viewed", "content", "week1", Morning, 30));
        changes.Add(await _world.EventAsync("b1", "e1", "viewed", "content", "week1", Morning, 30));
        await _world.EnrollAsync("n0", section: null);
        changes.Add(await _world.EventAsync("n0", "e1", "started", "content", "week1", Morning));
        await _world.Projection.HandleAsync(changes, default);

        var usage = await _world.UsageAsync("2026-06-01", "2026-06-01");
        var day = Assert.Single(usage.Days);

        Assert.Equal(5, usage.MinCount);
        Assert.Equal(8, day.ActiveStudents);
        Assert.Equal(["", "sec-a", "sec-b"], day.BySection.Select(s => s.Section));
        Assert.Equal(new SectionUsageDayView("sec-a", 5, false, 5, 0, 0, 180, null), day.BySection[1]);
        Assert.Equal(new SectionUsageDayView("sec-b", 2, true, null, null, null, null, null), day.BySection[2]);
        Assert.Equal(new SectionUsageDayView("", 1, true, null, null, null, null, null), day.BySection[0]);
        Assert.Equal(2, (await _world.DayAsync("2026-06-01"))!.Sections.Single(s => s.Section == "sec-b").ContentViews); // stored unhidden
    }

    [Fact]
    public void Hide_AtExactlyTheMinimum_ShowsTheCell_OneBelow_HidesIt()
    {
        var cell = new Records.Views.SectionUsageDay("s", 5, 7, 1, 2, 40, 0.5);

        Assert.Equal(new SectionUsageDayView("s", 5, false, 7, 1, 2, 40, 0.5), GetCourseUsageHandler.Hide(cell, 5));
        Assert.Equal(new SectionUsageDayView("s", 5, true, null, null, null, null, null), GetCourseUsageHandler.Hide(cell, 6));
    }
}
