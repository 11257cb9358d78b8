using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Projections;
using EdTech.Application.Usage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Usage;

/// <summary>The usage projection on SQLite: events and submissions become a course's day, idempotently under redelivery and concurrency.</summary>
public sealed class UsageProjectionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = DateTimeOffset.Parse("2026-06-01T09:00:00Z", null);

    private readonly ProjectionWorld _world = new();
    private UsageProjection _projection = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _projection = Projection(_world.Store, TimeProvider.System);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task EventsAndASubmission_MakeTheDay_AndTheSameBatchRedeliveredChangesNothing()
    {
        var batch = new List<StoredDocument>
        {
            await EventAsync("s1", "e1", "viewed", "content", 300),
            await EventAsync("s1", "e2", "completed", "assessment", 120),
            await EventAsync("s2", "e1", "viewed", "content", 60),
            await EventAsync("s3", "e1", "started", "assessment", null),
            await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Accepted, userId: "s3")),
        };

        await _projection.HandleAsync(batch, default);
        var first = await DayAsync("2026-06-01");
        await _projection.HandleAsync(batch, default);
        await _projection.HandleAsync([batch[1], batch[4]], default);

        Assert.Equal((3, 2, 1, 1), (first.ActiveStudents, first.ContentViews, first.Submissions, first.Completions));
        Assert.Equal(240, first.MedianTimeOnTaskSeconds); // s1 420 s, s2 60 s; s3 reported none
        Assert.Equal(TypedDocumentStore.Serialize(first with { UpdatedAt = default }), TypedDocumentStore.Serialize((await DayAsync("2026-06-01")) with { UpdatedAt = default }));
    }

    [Fact]
    public async Task ASubmissionChangedByGrading_CountsOnce_OnTheDayItWasReceived()
    {
        var received = ProjectionWorld.Submission("sub1", SubmissionStatus.Accepted) with { ReceivedAt = Morning.AddDays(1) };
        await _projection.HandleAsync([await _world.WriteAsync(received)], default);
        await _projection.HandleAsync([await _world.WriteAsync(received with { Status = SubmissionStatus.Graded, Score = 4 })], default);
        await _projection.HandleAsync([await _world.WriteAsync(received with { Status = SubmissionStatus.Released, Score = 4 })], default);

        var day = await DayAsync("2026-06-02");
        Assert.Equal((1, 1, 0), (day.ActiveStudents, day.Submissions, day.ContentViews));
        Assert.Null(await _world.Store.GetAsync<CourseUsageDayRecord>(ProjectionWorld.Tenant, CourseUsageDayRecord.IdFor("math101", "2026-06-01")));
    }

    [Fact]
    public async Task TwoTriggersAtOnce_OnTheSameStudentDay_LoseNeitherChange()
    {
        var events = new List<StoredDocument>();
        for (var i = 0; i < 20; i++)
        {
            events.Add(await EventAsync("s1", $"e{i}", "viewed", "content", 10));
        }

        var submissions = new List<StoredDocument>();
        for (var i = 0; i < 20; i++)
        {
            submissions.Add(await _world.WriteAsync(ProjectionWorld.Submission($"sub{i}", SubmissionStatus.Accepted)));
        }

        // As in Azure: the usage-events trigger and the submissions trigger each deliver their own batches, at the same time.
        await Task.WhenAll(Task.Run(() => DeliverOneByOneAsync(events)), Task.Run(() => DeliverOneByOneAsync(submissions)));

        var day = await DayAsync("2026-06-01");
        Assert.Equal((1, 20, 20, 200.0), (day.ActiveStudents, day.ContentViews, day.Submissions, day.MedianTimeOnTaskSeconds));
    }

    [Fact]
    public async Task AnotherTriggerWritingTheStudentDayBetweenReadAndWrite_LosesNeitherChange()
    {
        await _projection.HandleAsync([await EventAsync("s1", "e0", "viewed", "content", 10)], default);
        var submission = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Accepted));
        var other = Projection(_world.Store, TimeProvider.System);
        var racing = new UsageProjection(new InterleavingStore(_world.Store, Containers.UsageStudentDays, () => other.HandleAsync([submission], default)),
            new Tenants.TenantTimeZones(_world.Store, TimeProvider.System), TimeProvider.System);

        await racing.HandleAsync([await EventAsync("s1", "e1", "viewed", "content", 10)], default);

        var day = await DayAsync("2026-06-01");
        Assert.Equal((1, 2, 1, 20.0), (day.ActiveStudents, day.ContentViews, day.Submissions, day.MedianTimeOnTaskSeconds));
    }

    [Fact]
    public async Task Today_SummaryRecomputedAtMostOncePerInterval_WhileTheReadCountsEveryChangeLive()
    {
        var clock = new Submissions.ManualClock(Morning);
        var projection = Projection(_world.Store, clock);
        var read = new GetCourseUsageHandler(_world.Store, projection, new Tenants.TenantTimeZones(_world.Store, clock),
            new AnalyticsSettings(_world.Store, new Tenants.TenantDirectory(_world.Store, clock, AccessCacheSettings.Default), clock), clock);
        var teacher = new Common.Caller(ProjectionWorld.Tenant, "t1", new HashSet<string> { Domain.Tenancy.Roles.Teacher });
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new CourseRecord("math101", "Math", Morning));

        await projection.HandleAsync([await EventAsync("s1", "e1", "viewed", "content", 10)], default);
        clock.Advance(TimeSpan.FromSeconds(30));
        await projection.HandleAsync([await EventAsync("s2", "e1", "viewed", "content", 10)], default);
        var stored = await DayAsync("2026-06-01");
        var live = (await read.HandleAsync(teacher, "math101", "2026-06-01", "2026-06-01", default)).Value!.Days.Single();
        clock.Advance(UsageProjection.TodayRecomputeInterval);
        await projection.HandleAsync([await EventAsync("s3", "e1", "viewed", "content", 10)], default);

        Assert.Equal(1, stored.ActiveStudents); // today's second change within the interval: not recomputed (quadratic at a peak)
        Assert.Equal(2, live.ActiveStudents); // the read summarizes today live
        Assert.Equal(3, (await DayAsync("2026-06-01")).ActiveStudents);
    }

    [Fact]
    public async Task Read_FreshSummaryIsReadAsStored_StaleOneLive_AndARedeliveryWritesNothing()
    {
        var clock = new Submissions.ManualClock(Morning);
        var projection = Projection(_world.Store, clock);
        var read = new GetCourseUsageHandler(_world.Store, projection, new Tenants.TenantTimeZones(_world.Store, clock),
            new AnalyticsSettings(_world.Store, new Tenants.TenantDirectory(_world.Store, clock, AccessCacheSettings.Default), clock), clock);
        var teacher = new Common.Caller(ProjectionWorld.Tenant, "t1", new HashSet<string> { Domain.Tenancy.Roles.Teacher });
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new CourseRecord("math101", "Math", Morning));
        async Task<int> ActiveAsync() => (await read.HandleAsync(teacher, "math101", "2026-06-01", "2026-06-01", default)).Value!.Days.Single().ActiveStudents;

        var first = await EventAsync("s1", "e1", "viewed", "content", 10);
        await projection.HandleAsync([first], default);
        var fresh = await _world.Store.GetAsync<CourseUsageDayRecord>(ProjectionWorld.Tenant, CourseUsageDayRecord.IdFor("math101", "2026-06-01"));
        Assert.False(fresh!.Value.Stale);
        // A fresh summary is the read's answer (one point read): a planted figure shows through.
        await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, fresh.Value with { ActiveStudents = 42 }, fresh.ETag);
        Assert.Equal(42, await ActiveAsync());

        clock.Advance(TimeSpan.FromSeconds(10));
        await projection.HandleAsync([first], default); // a redelivery changes no student-day: the summary stays fresh
        Assert.False((await DayAsync("2026-06-01")).Stale);
        await projection.HandleAsync([await EventAsync("s2", "e1", "viewed", "content", 10)], default);

        Assert.True((await DayAsync("2026-06-01")).Stale); // a change within the interval marks it stale instead of recomputing
        Assert.Equal(42, (await DayAsync("2026-06-01")).ActiveStudents);
        Assert.Equal(2, await ActiveAsync()); // and the read summarizes the stale day live
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(2, await ActiveAsync()); // still live three days later: a day that ended stale is never read stale
    }

    /// <summary>The projection with the tenant registry's time zones read from <paramref name="store"/>.</summary>
    internal static UsageProjection Projection(IDocumentStore store, TimeProvider clock) => new(store, new Tenants.TenantTimeZones(store, clock), clock);

    private async Task DeliverOneByOneAsync(IEnumerable<StoredDocument> changes)
    {
        foreach (var change in changes)
        {
            await _projection.HandleAsync([change], default);
        }
    }

    private async Task<StoredDocument> EventAsync(string userId, string eventId, string verb, string objectType, double? duration)
    {
        var record = new UsageEventRecord(UsageEventRecord.IdFor(userId, eventId), eventId, userId, "math101", verb, objectType,
            objectType == "content" ? "week1" : "quiz1", Morning, duration, Morning);
        var (_, stored) = await _world.Store.CreateAsync(ProjectionWorld.Tenant, record);
        var document = await _world.Store.GetAsync(ProjectionWorld.Tenant, Containers.UsageEvents, record.Id);
        Assert.NotNull(stored);
        return document!;
    }

    private async Task<CourseUsageDayRecord> DayAsync(string date) =>
        (await _world.Store.GetAsync<CourseUsageDayRecord>(ProjectionWorld.Tenant, CourseUsageDayRecord.IdFor("math101", date)))!.Value;
}
