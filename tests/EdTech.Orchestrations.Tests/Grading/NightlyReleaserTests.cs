using EdTech.Application.Grading;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>The hourly nightly-release job: which tenants are in their local nightly hour, DST included.</summary>
public sealed class NightlyReleaserTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "edt-nightly-" + Guid.NewGuid().ToString("N")[..12]);
    private SqliteDocumentStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(_dataDirectory, "edtech.db")));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Theory]
    // London in winter (GMT): 02:00 local = 02:00 UTC; in summer (BST): 01:00 UTC.
    [InlineData("Europe/London", "2026-01-15T02:00:00Z", true)]
    [InlineData("Europe/London", "2026-01-15T01:00:00Z", false)]
    [InlineData("Europe/London", "2026-07-15T01:00:00Z", true)]
    [InlineData("Europe/London", "2026-07-15T02:00:00Z", false)]
    // New York's spring-forward night (8 March 2026): 02:00 does not exist; the sweep runs at 03:00 EDT = 07:00 UTC.
    [InlineData("America/New_York", "2026-03-08T07:00:00Z", true)]
    [InlineData("America/New_York", "2026-03-08T06:00:00Z", false)]
    [InlineData("America/New_York", "2026-03-08T08:00:00Z", false)]
    // The timer firing a few seconds early or late still covers the hour.
    [InlineData("America/New_York", "2026-03-08T06:59:55Z", true)]
    [InlineData("America/New_York", "2026-03-08T07:00:05Z", true)]
    // Kolkata (+05:30): 02:00 IST = 20:30 UTC the day before, in the hour ending 21:00 UTC.
    [InlineData("Asia/Kolkata", "2026-01-14T21:00:00Z", true)]
    [InlineData("Asia/Kolkata", "2026-01-14T20:00:00Z", false)]
    public void IsNightlyHour_At02Local_PicksTheRunCoveringIt(string zone, string utc, bool expected) =>
        Assert.Equal(expected, NightlyReleaser.IsNightlyHour(zone, 2, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsNightlyHour_AmbiguousHourWhenClocksGoBack_RunsAtTheFirstOccurrenceOnly()
    {
        // London, 25 October 2026: 01:00-01:59 happens twice (BST, then GMT). 01:00 BST = 00:00 UTC.
        Assert.True(NightlyReleaser.IsNightlyHour("Europe/London", 1, new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(NightlyReleaser.IsNightlyHour("Europe/London", 1, new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero)));
        Assert.False(NightlyReleaser.IsNightlyHour("Europe/London", 1, new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Europe/London", 1)]
    [InlineData("America/New_York", 2)]
    [InlineData("Australia/Lord_Howe", 2)]
    [InlineData("Pacific/Chatham", 3)]
    [InlineData("Asia/Kathmandu", 0)]
    [InlineData("UTC", 23)]
    public void IsNightlyHour_HourlyRunsOverAYear_PickEachTenantExactlyOncePerDay(string zone, int hour)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var hits = Enumerable.Range(0, 365 * 24).Select(h => start.AddHours(h)).Where(t => NightlyReleaser.IsNightlyHour(zone, hour, t)).ToList();

        Assert.InRange(hits.Count, 364, 365);
        // Never twice within a day: consecutive hits are 23 to 25 hours apart (DST shifts one hour).
        Assert.All(hits.Zip(hits.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalHours, 23, 25));
    }

    [Fact]
    public async Task Release_FakeClockThroughNewYorkSpringForwardNight_SweepsEachTenantOnlyInItsNightlyHour()
    {
        // 8 March 2026: London's 02:00 GMT is 02:00 UTC; New York skips 02:00, so its sweep is at 03:00 EDT = 07:00 UTC.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 8, 2, 0, 0, TimeSpan.Zero));
        await AddTenantWithDueWorkAsync("ny", "America/New_York", clock.GetUtcNow());
        await AddTenantWithDueWorkAsync("london", "Europe/London", clock.GetUtcNow());
        var workflow = new Mock<IReleaseWorkflow>();
        var releaser = new NightlyReleaser(_store, new DueResultsReleaser(_store, workflow.Object, clock, NullLogger<DueResultsReleaser>.Instance),
            NightlyReleaseSettings.Default, clock, NullLogger<NightlyReleaser>.Instance);
        var started = new List<(int Hour, string Tenant)>();
        workflow.Setup(w => w.StartAsync(It.IsAny<TenantId>(), "quiz", It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .Callback((TenantId t, string _, long _, CancellationToken _) => started.Add((clock.GetUtcNow().Hour, t.Value)))
            .Returns(Task.CompletedTask);

        for (var hour = 2; hour <= 9; hour++)
        {
            await releaser.ReleaseAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([(2, "london"), (7, "ny")], started);
    }

    private async Task AddTenantWithDueWorkAsync(string tenant, string zone, DateTimeOffset now)
    {
        var id = new TenantId(tenant);
        await _store.CreateAsync(TenantId.Platform, new TenantRecord(tenant, tenant, zone, TenantStatus.Active, now));
        var assessment = new Assessment("quiz", "c1", "Quiz", now.AddDays(-2), 0, null, null, new ReleasePolicy(ReleasePolicy.AfterDue, null), []);
        await _store.CreateAsync(id, new AssessmentRecord("quiz", "c1", 1, assessment, "t1", now.AddDays(-3)));
        await _store.CreateAsync(id, new SubmissionRecord("s1", "quiz", 1, "c1", "u1", [], now.AddDays(-3), false, SubmissionStatus.Graded, 10, Score: 5));
    }
}
