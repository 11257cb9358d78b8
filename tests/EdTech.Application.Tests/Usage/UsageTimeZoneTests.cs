namespace EdTech.Application.Tests.Usage;

/// <summary>Usage days are the tenant's local calendar days: midnight boundaries, both DST changes, and the read's "today".</summary>
public sealed class UsageTimeZoneTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, null);

    [Fact]
    public async Task Events_EitherSideOfLocalMidnight_CountOnTheSchoolsDay_NotTheUtcDay()
    {
        await using var world = await WorldAsync("2026-06-10T12:00:00Z", "America/New_York"); // UTC−4 in June
        await world.Projection.HandleAsync(
        [
            await world.EventAsync("s1", "e1", "viewed", "content", "week1", At("2026-06-02T03:59:59Z")), // 23:59:59 on 1 June in New York
            await world.EventAsync("s2", "e1", "viewed", "content", "week1", At("2026-06-02T04:00:00Z")), // 00:00 on 2 June
            await world.EventAsync("s3", "e1", "viewed", "content", "week1", At("2026-06-01T04:00:00Z")), // 00:00 on 1 June
            await world.EventAsync("s4", "e1", "viewed", "content", "week1", At("2026-06-01T03:59:59Z")), // 23:59:59 on 31 May
        ], default);

        var days = (await world.UsageAsync("2026-05-31", "2026-06-02")).Days;

        Assert.Equal([("2026-05-31", 1), ("2026-06-01", 2), ("2026-06-02", 1)], days.Select(d => (d.Date, d.ActiveStudents)));
        Assert.Equal("America/New_York", (await world.UsageAsync("2026-05-31", "2026-06-02")).TimeZone);
    }

    [Fact]
    public async Task SpringForward_TheLocalDayIs23HoursLong_AndItsEdgesAreLocalMidnights()
    {
        await using var world = await WorldAsync("2026-04-10T12:00:00Z", "Europe/Berlin"); // 29 March 2026: 02:00 CET → 03:00 CEST
        await world.Projection.HandleAsync(
        [
            await world.EventAsync("s1", "e1", "viewed", "content", "week1", At("2026-03-28T22:59:59Z")), // 23:59:59 CET, 28 March
            await world.EventAsync("s2", "e1", "viewed", "content", "week1", At("2026-03-28T23:00:00Z")), // 00:00 CET, 29 March
            await world.EventAsync("s3", "e1", "viewed", "content", "week1", At("2026-03-29T21:59:59Z")), // 23:59:59 CEST, 29 March
            await world.EventAsync("s4", "e1", "viewed", "content", "week1", At("2026-03-29T22:00:00Z")), // 00:00 CEST, 30 March
        ], default);

        var days = (await world.UsageAsync("2026-03-28", "2026-03-30")).Days;

        Assert.Equal([1, 2, 1], days.Select(d => d.ActiveStudents));
    }

    [Fact]
    public async Task FallBack_TheLocalDayIs25HoursLong()
    {
        await using var world = await WorldAsync("2026-11-10T12:00:00Z", "Europe/Berlin"); // 25 October 2026: 03:00 CEST → 02:00 CET
        await world.Projection.HandleAsync(
        [
            await world.EventAsync("s1", "e1", "viewed", "content", "week1", At("2026-10-24T21:59:59Z")), // 23:59:59 CEST, 24 October
            await world.EventAsync("s2", "e1", "viewed", "content", "week1", At("2026-10-24T22:00:00Z")), // 00:00 CEST, 25 October
            await world.EventAsync("s3", "e1", "viewed", "content", "week1", At("2026-10-25T22:59:59Z")), // 23:59:59 CET, 25 October (25 h later)
            await world.EventAsync("s4", "e1", "viewed", "content", "week1", At("2026-10-25T23:00:00Z")), // 00:00 CET, 26 October
        ], default);

        var days = (await world.UsageAsync("2026-10-24", "2026-10-26")).Days;

        Assert.Equal([1, 2, 1], days.Select(d => d.ActiveStudents));
    }

    [Fact]
    public async Task Read_WithoutDates_EndsOnTheTenantsToday_WhichMayBeUtcsYesterday()
    {
        await using var world = await WorldAsync("2026-06-02T02:00:00Z", "America/Los_Angeles"); // 19:00 on 1 June in Los Angeles
        await world.Projection.HandleAsync([await world.EventAsync("s1", "e1", "viewed", "content", "week1", At("2026-06-02T01:00:00Z"))], default);

        var usage = await world.UsageAsync(null, null);

        Assert.Equal(("2026-05-03", "2026-06-01"), (usage.From, usage.To));
        Assert.Equal(1, usage.Days[^1].ActiveStudents);
    }

    [Fact]
    public async Task ATenantNotInTheRegistry_CountsUtcDays()
    {
        await using var world = await WorldAsync("2026-06-10T12:00:00Z", zone: null);
        await world.Projection.HandleAsync([await world.EventAsync("s1", "e1", "viewed", "content", "week1", At("2026-06-02T03:59:59Z"))], default);

        var usage = await world.UsageAsync("2026-06-02", "2026-06-02");

        Assert.Equal((1, "UTC"), (usage.Days[0].ActiveStudents, usage.TimeZone));
    }

    private static async Task<UsageWorld> WorldAsync(string now, string? zone)
    {
        var world = new UsageWorld(At(now));
        await world.InitializeAsync();
        if (zone is not null)
        {
            await world.SetTimeZoneAsync(zone);
        }

        return world;
    }
}
