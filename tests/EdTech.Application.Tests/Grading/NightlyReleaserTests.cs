using System.Globalization;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>The hourly nightly release: its setting, which tenants are in their local nightly hour (DST and odd offsets included), and the sweep.</summary>
public sealed class NightlyReleaserTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Theory]
    [InlineData("5", 5)]
    [InlineData("0", 0)]
    [InlineData("23", 23)]
    [InlineData(" 7 ", 7)]
    [InlineData("24", 2)]
    [InlineData("-1", 2)]
    [InlineData("x", 2)]
    [InlineData("", 2)]
    [InlineData(null, 2)]
    public void From_HourOf0To23_IsTaken_AnythingElseIsTheDefault2(string? setting, int hour) =>
        Assert.Equal(hour, NightlyReleaseSettings.From(setting).Hour);

    [Theory]
    // London in winter (GMT): 02:00 local = 02:00 UTC; in summer (BST): 01:00 UTC.
    [InlineData("Europe/London", 2, "2026-01-15T02:00:00Z", true)]
    [InlineData("Europe/London", 2, "2026-01-15T01:00:00Z", false)]
    [InlineData("Europe/London", 2, "2026-07-15T01:00:00Z", true)]
    [InlineData("Europe/London", 2, "2026-07-15T02:00:00Z", false)]
    // New York's spring-forward night (8 March 2026): 02:00 does not exist; the sweep runs at 03:00 EDT = 07:00 UTC.
    [InlineData("America/New_York", 2, "2026-03-08T07:00:00Z", true)]
    [InlineData("America/New_York", 2, "2026-03-08T06:00:00Z", false)]
    [InlineData("America/New_York", 2, "2026-03-08T08:00:00Z", false)]
    // A run a little early or late still covers its hour; from half past, the run is for the next hour.
    [InlineData("America/New_York", 2, "2026-03-08T06:59:55Z", true)]
    [InlineData("America/New_York", 2, "2026-03-08T07:00:05Z", true)]
    [InlineData("UTC", 2, "2026-01-15T01:29:59Z", false)]
    [InlineData("UTC", 2, "2026-01-15T01:30:00Z", true)]
    [InlineData("UTC", 2, "2026-01-15T02:29:59Z", true)]
    [InlineData("UTC", 2, "2026-01-15T02:30:00Z", false)]
    // Kolkata (+05:30): 02:00 IST = 20:30 UTC the day before, in the hour ending 21:00 UTC (also when that run is 25 minutes late).
    [InlineData("Asia/Kolkata", 2, "2026-01-14T21:00:00Z", true)]
    [InlineData("Asia/Kolkata", 2, "2026-01-14T21:25:00Z", true)]
    [InlineData("Asia/Kolkata", 2, "2026-01-14T20:00:00Z", false)]
    [InlineData("Asia/Kolkata", 2, "2026-01-14T22:00:00Z", false)]
    // Nuuk springs forward at 23:00 local (28 March 2026, -02 to -01): Saturday's 23:00 does not exist and moves to Sunday 00:00
    // local = 01:00 UTC, the run of the hour ending then (its local date is already Sunday: the day before counts).
    [InlineData("America/Nuuk", 23, "2026-03-29T01:00:00Z", true)]
    [InlineData("America/Nuuk", 23, "2026-03-29T00:00:00Z", false)]
    // An unknown zone id is read as UTC.
    [InlineData("Not/AZone", 2, "2026-01-15T02:00:00Z", true)]
    [InlineData("Not/AZone", 2, "2026-01-15T03:00:00Z", false)]
    public void IsNightlyHour_PicksTheRunCoveringTheLocalNightlyInstant(string zone, int hour, string utc, bool expected) =>
        Assert.Equal(expected, NightlyReleaser.IsNightlyHour(zone, hour, DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture)));

    [Fact]
    public void IsNightlyHour_AmbiguousHourWhenClocksGoBack_RunsAtTheFirstOccurrenceOnly()
    {
        // London, 25 October 2026: 01:00-01:59 happens twice (BST, then GMT). 01:00 BST = 00:00 UTC.
        Assert.True(NightlyReleaser.IsNightlyHour("Europe/London", 1, new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(NightlyReleaser.IsNightlyHour("Europe/London", 1, new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero)));
        Assert.False(NightlyReleaser.IsNightlyHour("Europe/London", 1, new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NightlyInstant_SkippedTime_MovesToTheFirstTimeThatExists()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), NightlyReleaser.NightlyInstant(zone, new DateOnly(2026, 3, 8), 2));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 2, 0, 0, TimeSpan.FromHours(-4)), NightlyReleaser.NightlyInstant(zone, new DateOnly(2026, 3, 9), 2));
    }

    [Fact]
    public void NightlyInstant_NoZone_IsAnArgumentError() =>
        Assert.Equal("zone", Assert.Throws<ArgumentNullException>(() => NightlyReleaser.NightlyInstant(null!, new DateOnly(2026, 1, 1), 2)).ParamName);

    [Theory]
    [InlineData("Europe/London", 1)]
    [InlineData("America/New_York", 2)]
    [InlineData("America/Nuuk", 23)]
    [InlineData("Australia/Lord_Howe", 2)]
    [InlineData("Pacific/Chatham", 3)]
    [InlineData("Asia/Kathmandu", 0)]
    [InlineData("UTC", 23)]
    public void IsNightlyHour_HourlyRunsOverAYear_PickEachTenantOncePerDay(string zone, int hour)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var hits = Enumerable.Range(0, 365 * 24).Select(h => start.AddHours(h)).Where(t => NightlyReleaser.IsNightlyHour(zone, hour, t)).ToList();

        Assert.InRange(hits.Count, 364, 365);
        Assert.All(hits.Zip(hits.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalHours, 23, 25));
    }

    [Fact]
    public async Task Release_ThroughNewYorksSpringForwardNight_SweepsEachTenantInItsNightlyHourOnly()
    {
        // 8 March 2026: London's 02:00 GMT is 02:00 UTC; New York skips 02:00, so its sweep is at 03:00 EDT = 07:00 UTC.
        _world.Clock.Set(new DateTimeOffset(2026, 3, 8, 2, 0, 0, TimeSpan.Zero));
        await AddTenantWithDueWorkAsync("ny", "America/New_York");
        await AddTenantWithDueWorkAsync("london", "Europe/London");
        var releaser = new NightlyReleaser(_world.Store, _world.DueReleaser(), NightlyReleaseSettings.Default, _world.Clock, _world.Logs.For<NightlyReleaser>());
        var started = new List<(int Hour, int Count)>();

        for (var hour = 2; hour <= 9; hour++)
        {
            started.Add((hour, await releaser.ReleaseAsync(default)));
            _world.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([(2, 1), (3, 0), (4, 0), (5, 0), (6, 0), (7, 1), (8, 0), (9, 0)], started);
        Assert.Equal(["london:quiz", "ny:quiz"], _world.Workflows.Releases.Select(r => r[..r.LastIndexOf(':')]));
        _world.Logs.AssertLogged("Nightly release for london (Europe/London)");
        _world.Logs.AssertLogged("Nightly release for ny (America/New_York)");
    }

    [Fact]
    public async Task Release_TwoTenantsInTheirNightlyHour_CountsTheReleasesOfBoth()
    {
        _world.Clock.Set(new DateTimeOffset(2026, 3, 8, 2, 0, 0, TimeSpan.Zero));
        await AddTenantWithDueWorkAsync("dublin", "Europe/Dublin");
        await AddTenantWithDueWorkAsync("london", "Europe/London");
        var releaser = new NightlyReleaser(_world.Store, _world.DueReleaser(), NightlyReleaseSettings.Default, _world.Clock, _world.Logs.For<NightlyReleaser>());

        Assert.Equal(2, await releaser.ReleaseAsync(default));
    }

    private async Task AddTenantWithDueWorkAsync(string tenant, string zone)
    {
        var id = new TenantId(tenant);
        var now = _world.Clock.GetUtcNow();
        await _world.AddTenantAsync(tenant, zone);
        await _world.AddAssessmentAsync(GradingWorld.Quiz("quiz", GradingWorld.Policy(ReleasePolicy.AfterDue), due: now.AddDays(-2)), tenant: id);
        await _world.AddSubmissionAsync(GradingWorld.Submission("s1", "quiz", SubmissionStatus.Graded, receivedAt: now.AddDays(-3)), id);
    }
}
