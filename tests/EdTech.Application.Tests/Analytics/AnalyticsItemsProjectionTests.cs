using System.Text.Json;
using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Tests.Projections;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Analytics;

/// <summary>
/// The analytics-items projection on SQLite: the item × section map read from the course's projected sums equals the map computed
/// from the statistics projection on read (the definition before the projection), stale marking and recomputation, redelivery.
/// </summary>
public sealed class AnalyticsItemsProjectionTests : IAsyncLifetime
{
    private const string Course = "math101";
    private const int K = 2;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T09:00:00Z", null);

    private readonly ProjectionWorld _world = new();
    private AnalyticsSettings _settings = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _settings = new AnalyticsSettings(_world.Store, new TenantDirectory(_world.Store, TimeProvider.System, AccessCacheSettings.Default), TimeProvider.System);
        await _world.Store.CreateAsync(TenantId.Platform, new TenantRecord(ProjectionWorld.Tenant.Value, "School", "UTC", TenantStatus.Active, Now));
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new CourseRecord(Course, "Maths", Now));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ProjectedMap_EqualsTheMapComputedOnRead_SeveralSections_LatestGradedAttempt_PartialMarks()
    {
        var changes = await SeedCourseAsync();
        var projection = new AnalyticsItemsProjection(_world.Store, _world.Cache, TimeProvider.System);

        await projection.HandleAsync(changes, default);
        var projected = await Handler(projection).BuildAsync(ProjectionWorld.Tenant, Course, Heatmap.ItemSection, K, default);
        var computed = await ComputedOnReadAsync(K);

        Assert.Equal(JsonSerializer.Serialize(computed), JsonSerializer.Serialize(projected));
        Assert.Equal(["A", "B", ""], projected.Columns.Select(c => c.Id));
        Assert.Equal(["quiz1/q1", "quiz1/q2", "quiz2/q1"], projected.Rows.Select(r => r.Id));
        // quiz1/q1 (2 points), section A: s1's regraded attempt 2 (not the first's 0, not the later ungraded one), s2's 0.5 → 2.5 / 4.
        Assert.Equal([2.5 / 4, 1.0 / 2, null], projected.Cells[0]);
        Assert.Equal([2, 2, 1], projected.Counts[0]);
        // quiz2/q1: only s1 (A) answered it: hidden under k, the count still shown; B and no-section have none.
        Assert.Equal([null, null, null], projected.Cells[2]);
        Assert.Equal([1, 0, 0], projected.Counts[2]);
    }

    [Fact]
    public async Task HeatmapRead_OfACourseNeverProjected_ComputesAndStoresTheSums()
    {
        await SeedCourseAsync();
        var projection = new AnalyticsItemsProjection(_world.Store, _world.Cache, TimeProvider.System);

        var projected = await Handler(projection).BuildAsync(ProjectionWorld.Tenant, Course, Heatmap.ItemSection, K, default);

        Assert.Equal(JsonSerializer.Serialize(await ComputedOnReadAsync(K)), JsonSerializer.Serialize(projected));
        Assert.False((await StoredSumsAsync()).Stale);
    }

    [Fact]
    public async Task CourseSums_RecomputedAtMostOncePerInterval_MarkedStaleInBetween_AndAStaleRecordIsRecomputedOnRead()
    {
        await SeedCourseAsync();
        var clock = new Submissions.ManualClock(Now);
        var projection = new AnalyticsItemsProjection(_world.Store, _world.Cache, clock);
        await projection.HandleAsync([await ContributionAsync("quiz1", "s1-late", "s1", SubmissionStatus.Graded, Now.AddHours(3), ("q1", 1m), ("q2", 1m))], default);
        var first = await StoredSumsAsync();

        clock.Advance(TimeSpan.FromSeconds(10));
        await projection.HandleAsync([await ContributionAsync("quiz1", "s2-late", "s2", SubmissionStatus.Graded, Now.AddHours(3), ("q1", 2m), ("q2", 2m))], default);
        var marked = await StoredSumsAsync();
        var read = await projection.CurrentAsync(ProjectionWorld.Tenant, Course, default);
        var afterRead = await StoredSumsAsync();
        clock.Advance(AnalyticsItemsProjection.RecomputeInterval);
        await projection.HandleAsync([await ContributionAsync("quiz1", "s3-late", "s3", SubmissionStatus.Released, Now.AddHours(3), ("q1", 0m))], default);
        var later = await StoredSumsAsync();

        static decimal Marks(CourseItemsRecord r) => r.AllSums().Single(s => s.ItemId == "quiz1/q1" && s.Section == "A").Marks;
        Assert.Equal((1.5m, false), (Marks(first), first.Stale)); // s1 now 1 (its latest), s2 still 0.5
        Assert.Equal((1.5m, true), (Marks(marked), marked.Stale)); // not recomputed within the interval
        Assert.Equal(3m, Marks(read));
        Assert.Equal((3m, false), (Marks(afterRead), afterRead.Stale));
        Assert.Equal((1m, false), (later.AllSums().Single(s => s.ItemId == "quiz1/q1" && s.Section == "B").Marks, later.Stale)); // s3 now 0 + s4 1
        Assert.Equal(JsonSerializer.Serialize(await ComputedOnReadAsync(K)),
            JsonSerializer.Serialize(await Handler(projection).BuildAsync(ProjectionWorld.Tenant, Course, Heatmap.ItemSection, K, default)));
    }

    [Fact]
    public async Task Redelivery_GivesTheSameSums_WithinAndAfterTheInterval()
    {
        var changes = await SeedCourseAsync();
        var clock = new Submissions.ManualClock(Now);
        var projection = new AnalyticsItemsProjection(_world.Store, _world.Cache, clock);
        await projection.HandleAsync(changes, default);
        var first = await StoredSumsAsync();

        clock.Advance(TimeSpan.FromSeconds(5));
        await projection.HandleAsync(changes, default);
        var within = await projection.CurrentAsync(ProjectionWorld.Tenant, Course, default);
        clock.Advance(AnalyticsItemsProjection.RecomputeInterval);
        await projection.HandleAsync(changes, default);
        var after = await StoredSumsAsync();

        Assert.Equal(JsonSerializer.Serialize(first with { UpdatedAt = default }), JsonSerializer.Serialize(within with { UpdatedAt = default }));
        Assert.Equal(JsonSerializer.Serialize(first with { UpdatedAt = default }), JsonSerializer.Serialize(after with { UpdatedAt = default }));
    }

    [Fact]
    public async Task AnEnrollmentChange_RecomputesTheCourse_ANewSectionBecomesAColumn()
    {
        var changes = await SeedCourseAsync();
        var clock = new Submissions.ManualClock(Now);
        var projection = new AnalyticsItemsProjection(_world.Store, _world.Cache, clock);
        await projection.HandleAsync(changes, default);
        Assert.DoesNotContain("C", (await StoredSumsAsync()).Sections); // s9 has an attempt but no enrollment yet

        clock.Advance(AnalyticsItemsProjection.RecomputeInterval);
        await projection.HandleAsync([await EnrollAsync("s9", Roles.Student, "C")], default);

        Assert.Equal(["A", "B", "C", ""], (await StoredSumsAsync()).Sections);
    }

    [Fact]
    public async Task ABatch_InvalidatesTheCourse_SoACachedHeatmapIsRebuiltFromTheNewSums()
    {
        var clock = new Submissions.ManualClock(Now);
        var projection = new AnalyticsItemsProjection(_world.Store, _world.Cache, clock);
        await projection.HandleAsync(await SeedCourseAsync(), default);
        var admin = new Common.Caller(ProjectionWorld.Tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });
        var before = (await Handler(projection).HandleAsync(admin, Course, Heatmap.ItemSection, default)).Value!;

        clock.Advance(AnalyticsItemsProjection.RecomputeInterval);
        await projection.HandleAsync([await EnrollAsync("s6", Roles.Student, "B"), await ContributionAsync("quiz1", "s6-a", "s6", SubmissionStatus.Graded, Now, ("q1", 1m))], default);
        var after = (await Handler(projection).HandleAsync(admin, Course, Heatmap.ItemSection, default)).Value!;

        Assert.Equal((2, 3), (before.Counts[0][1], after.Counts[0][1]));
    }

    [Fact]
    public async Task SubmissionChanges_AsThePartOfSubmissionInsights_RefreshTheirCourse_WithoutReadingTheContributionsFeed()
    {
        var changes = await SeedCourseAsync();
        var items = new AnalyticsItemsProjection(_world.Store, _world.Cache, TimeProvider.System);

        // Only the submissions' changes, through the part: the sums are those the read computes (enrollments and assessments were stored).
        await new ChangeFeedPart(ChangeFeedCatalog.AnalyticsItemsOnSubmissions, items).HandleAsync([.. changes.Where(c => c.Container == Containers.Submissions)], default);

        Assert.Equal(JsonSerializer.Serialize(await ComputedOnReadAsync(K)),
            JsonSerializer.Serialize(await Handler(items).BuildAsync(ProjectionWorld.Tenant, Course, Heatmap.ItemSection, K, default)));
        Assert.False((await StoredSumsAsync()).Stale);
        Assert.DoesNotContain(Containers.AssessmentStatistics, ChangeFeedCatalog.AnalyticsItemsProjection.Containers);
        Assert.Contains(ChangeFeedCatalog.AnalyticsItemsOnSubmissions, ChangeFeedCatalog.SubmissionInsights.Parts.SkipWhile(p => p != ChangeFeedCatalog.AssessmentStatisticsProjection));
    }

    /// <summary>
    /// Sections A (s1, s2), B (s3, s4), none (s5), a teacher with an attempt (not a student: left out), s9 not enrolled; quiz1
    /// (q1: 2 points, q2: 1 point) and quiz2 (q1: 1 point). s1 was regraded (two graded attempts, the later one counts) and has a
    /// still later attempt being graded (ignored); s2 has a partial mark and left q2 ungraded (score null: 0 of its points).
    /// </summary>
    private async Task<IReadOnlyList<StoredDocument>> SeedCourseAsync()
    {
        var changes = new List<StoredDocument>
        {
            await EnrollAsync("s1", Roles.Student, "A"),
            await EnrollAsync("s2", Roles.Student, "A"),
            await EnrollAsync("s3", Roles.Student, "B"),
            await EnrollAsync("s4", Roles.Student, "B"),
            await EnrollAsync("s5", Roles.Student, null),
            await EnrollAsync("t1", Roles.Teacher, "A"),
            await AssessmentAsync("quiz1", "Quiz 1", ("q1", 2m), ("q2", 1m)),
            await AssessmentAsync("quiz2", "Quiz 2", ("q1", 1m)),
            await ContributionAsync("quiz1", "s1-a", "s1", SubmissionStatus.Graded, Now, ("q1", 0m), ("q2", 1m)),
            await ContributionAsync("quiz1", "s1-b", "s1", SubmissionStatus.Released, Now.AddHours(1), ("q1", 2m), ("q2", 0m)),
            await ContributionAsync("quiz1", "s1-c", "s1", SubmissionStatus.Grading, Now.AddHours(2), ("q1", 0m), ("q2", 0m)),
            await ContributionAsync("quiz1", "s2-a", "s2", SubmissionStatus.Graded, Now, ("q1", 0.5m), ("q2", null)),
            await ContributionAsync("quiz1", "s3-a", "s3", SubmissionStatus.Graded, Now, ("q1", 1m), ("q2", 1m)),
            await ContributionAsync("quiz1", "s4-a", "s4", SubmissionStatus.Released, Now, ("q1", 1m), ("q2", 0m)),
            await ContributionAsync("quiz1", "s5-a", "s5", SubmissionStatus.Graded, Now, ("q1", 2m), ("q2", 1m)),
            await ContributionAsync("quiz1", "t1-a", "t1", SubmissionStatus.Graded, Now, ("q1", 2m), ("q2", 1m)),
            await ContributionAsync("quiz1", "s9-a", "s9", SubmissionStatus.Graded, Now, ("q1", 2m), ("q2", 1m)),
            await ContributionAsync("quiz2", "s1-q2", "s1", SubmissionStatus.Graded, Now, ("q1", 1m)),
        };
        return changes;
    }

    /// <summary>The item × section map as the read computed it before the projection: the statistics projection's latest graded attempts, per read.</summary>
    private async Task<Heatmap> ComputedOnReadAsync(int minCount)
    {
        var sections = (await _world.Store.QueryAsync<EnrollmentRecord>(ProjectionWorld.Tenant, DocumentQuery.InPartition(Course)))
            .Where(e => e.Value.Role == Roles.Student).ToDictionary(e => e.Value.UserId, e => e.Value.Section ?? "", StringComparer.Ordinal);
        var rows = new List<HeatmapAxis>();
        var answers = new List<(string Section, Dictionary<string, (decimal Mark, decimal Points)> Items)>();
        foreach (var (a, latest) in await CourseAttempts.LoadAsync(_world.Store, ProjectionWorld.Tenant, Course, default))
        {
            var points = a.Assessment.Items.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal);
            rows.AddRange(a.Assessment.Items.Select(i => new HeatmapAxis($"{a.Id}/{i.Id}", $"{a.Assessment.Title} · {i.Id}: {i.Prompt}")));
            answers.AddRange(latest.Where(c => sections.ContainsKey(c.UserId)).Select(c => (sections[c.UserId],
                c.Items.Where(i => points.ContainsKey(i.ItemId)).ToDictionary(i => $"{a.Id}/{i.ItemId}", i => (i.Score ?? 0, points[i.ItemId]), StringComparer.Ordinal))));
        }

        var columns = answers.Select(a => a.Section).Distinct().OrderBy(s => s.Length == 0).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var cells = new List<IReadOnlyList<double?>>();
        var counts = new List<IReadOnlyList<int>>();
        foreach (var row in rows)
        {
            var inCells = columns.Select(c => answers.Where(a => a.Section == c && a.Items.ContainsKey(row.Id)).Select(a => a.Items[row.Id]).ToList()).ToList();
            cells.Add([.. inCells.Select(l => l.Count >= minCount && l.Sum(x => x.Points) > 0 ? (double?)(double)(l.Sum(x => x.Mark) / l.Sum(x => x.Points)) : null)]);
            counts.Add([.. inCells.Select(l => l.Count)]);
        }

        return new Heatmap(Heatmap.ItemSection, rows, [.. columns.Select(c => new HeatmapAxis(c, c.Length == 0 ? "No section" : c))], cells, counts, minCount);
    }

    private GetHeatmapHandler Handler(AnalyticsItemsProjection projection) =>
        new(_world.Store, _world.Cache, _settings, new AnalyticsWeeksProjection(_world.Store, TimeProvider.System), projection);

    private async Task<StoredDocument> EnrollAsync(string userId, string role, string? section) =>
        await WriteAsync(new EnrollmentRecord(EnrollmentRecord.IdFor(Course, userId), Course, userId, role, Now, section));

    private async Task<StoredDocument> AssessmentAsync(string id, string title, params (string Id, decimal Points)[] items)
    {
        var assessment = new Assessment(id, Course, title, Now.AddDays(-1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null),
            [.. items.Select(i => new AssessmentItem(i.Id, ItemType.SingleChoice, $"Question {i.Id}?", ["yes", "no"], AnswerValue.OfText("yes"), null, i.Points, []))]);
        return await WriteAsync(new AssessmentRecord(id, Course, 1, assessment, "t1", Now));
    }

    /// <summary>
    /// A submission's contribution as the statistics part wrote it, and the submission's change the item × section part then
    /// receives in the same delivery (only its course, the partition, matters to it).
    /// </summary>
    private async Task<StoredDocument> ContributionAsync(string assessmentId, string id, string userId, SubmissionStatus status, DateTimeOffset at, params (string ItemId, decimal? Score)[] items)
    {
        await WriteAsync(new StatisticsContribution(id, assessmentId, Course, userId, status, items.Length, null,
            [.. items.Select(i => new ItemContribution(i.ItemId, i.Score))], 0, at));
        var result = await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, Containers.Submissions, id, Course,
            $$"""{"id":"{{id}}","courseId":"{{Course}}","assessmentId":"{{assessmentId}}","userId":"{{userId}}"}""", ifMatch: null);
        return result.Document!;
    }

    private async Task<StoredDocument> WriteAsync<T>(T record)
        where T : IStoredRecord
    {
        var result = await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, T.Container, record.Id, record.PartitionKey, TypedDocumentStore.Serialize(record), ifMatch: null);
        return result.Document!;
    }

    private async Task<CourseItemsRecord> StoredSumsAsync() =>
        (await _world.Store.GetAsync<CourseItemsRecord>(ProjectionWorld.Tenant, Course, Course))!.Value;
}
