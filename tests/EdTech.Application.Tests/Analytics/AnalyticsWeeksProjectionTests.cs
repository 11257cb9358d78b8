using EdTech.Application.ChangeFeed;
using EdTech.Domain.Submissions;
using EdTech.Application.Tests.Grading;
using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Tests.Projections;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Analytics;

/// <summary>The analytics-weeks projection on SQLite (learner state and usage events → a student's weeks) and the weekly heatmap reads with the tenant's k.</summary>
public sealed class AnalyticsWeeksProjectionTests : IAsyncLifetime
{
    private const string Course = "math101";
    private static readonly DateTimeOffset Week49 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", null);
    private static readonly Caller Teacher = new(ProjectionWorld.Tenant, "t1", new HashSet<string> { Roles.Teacher });
    private static readonly Caller Admin = new(ProjectionWorld.Tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });

    private readonly ProjectionWorld _world = new();
    private AnalyticsWeeksProjection _projection = null!;
    private AnalyticsSettings _settings = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _projection = new AnalyticsWeeksProjection(_world.Store, TimeProvider.System);
        _settings = new AnalyticsSettings(_world.Store, new TenantDirectory(_world.Store, TimeProvider.System, AccessCacheSettings.Default), TimeProvider.System);
        await _world.Store.CreateAsync(TenantId.Platform, new TenantRecord(ProjectionWorld.Tenant.Value, "School", "UTC", TenantStatus.Active, Week49));
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new CourseRecord(Course, "Maths", Week49));
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new ModuleRecord(ModuleRecord.IdFor(Course, "week1"), Course, "week1", "Week 1", 1,
            [new ModuleItem("i1", "Quiz", "assessment", AssessmentId: "quiz1")], "t1", Week49));
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new ModuleRecord(ModuleRecord.IdFor(Course, "week2"), Course, "week2", "Week 2", 2, [], "t1", Week49));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task LearnerState_BecomesWeeklyMastery_AndARedeliveryWritesNothing()
    {
        var change = await LearnerStateAsync("s1", (Week49, true), (Week49.AddDays(7), false));

        await _projection.HandleAsync([change], default);
        var first = await WeeksAsync("s1");
        await _projection.HandleAsync([change], default);

        var bkt = LearnerModelSettings.Default.Bkt;
        var w49 = Bkt.Observe(bkt.PInit, true, bkt);
        Assert.Equal([new("2026-W49", "fractions", w49), new Domain.Analytics.SkillWeekMastery("2026-W50", "fractions", Bkt.Observe(w49, false, bkt))], first.Value.Mastery);
        Assert.Equal(first.ETag, (await WeeksAsync("s1")).ETag);
    }

    [Fact]
    public async Task UsageEvents_AddTheirModuleAndWeekOnce_AnAssessmentCountsForTheModuleLinkingIt()
    {
        var content = await EventAsync("s1", "e1", "content", "week2/p1", Week49);
        var quiz = await EventAsync("s1", "e2", "item", "quiz1/q1", Week49.AddDays(30)); // 2026-12-31: 2026-W53
        var unlinked = await EventAsync("s1", "e3", "assessment", "quiz9", Week49);

        await _projection.HandleAsync([content, quiz, unlinked], default);
        var first = await WeeksAsync("s1");
        await _projection.HandleAsync([content, quiz], default);

        Assert.Equal([new("2026-W49", "week2"), new ModuleWeek("2026-W53", "week1")], first.Value.Modules);
        Assert.Equal(first.ETag, (await WeeksAsync("s1")).ETag);
    }

    [Fact]
    public async Task ALearnerStateGone_ByErasure_WritesNothing()
    {
        var change = await LearnerStateAsync("s1", (Week49, true));
        Assert.True(await _world.Store.DeleteAsync(ProjectionWorld.Tenant, Containers.LearnerState, LearnerStateRecord.IdFor(Course, "s1")));

        await _projection.HandleAsync([change], default);

        Assert.Null(await _world.Store.GetAsync<StudentWeeksRecord>(ProjectionWorld.Tenant, StudentWeeksRecord.IdFor(Course, "s1"), Course));
    }

    [Fact]
    public async Task ASubmissionNotReleased_LeavesTheWeeksAlone_ItsLearnerStateDidNotChange()
    {
        var change = await LearnerStateAsync("s1", SubmissionStatus.Graded, (Week49, true));

        await _projection.HandleAsync([change], default);

        Assert.Null(await _world.Store.GetAsync<StudentWeeksRecord>(ProjectionWorld.Tenant, StudentWeeksRecord.IdFor(Course, "s1"), Course));
        Assert.Equal([Containers.UsageEvents], ChangeFeedCatalog.AnalyticsWeeksProjection.Containers);
        Assert.Equal(ChangeFeedCatalog.SubmissionInsights.Parts[^1], ChangeFeedCatalog.AnalyticsWeeksOnSubmissions);
    }

    [Fact]
    public async Task Heatmap_TheTenantsK_DecidesWhichCellsShow()
    {
        var handler = new GetHeatmapHandler(_world.Store, _world.Cache, _settings, _projection, new AnalyticsItemsProjection(_world.Store, _world.Cache, TimeProvider.System));
        foreach (var student in new[] { "s1", "s2", "s3" })
        {
            await _world.Store.CreateAsync(ProjectionWorld.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(Course, student), Course, student, Roles.Student, Week49));
            await _projection.HandleAsync([await LearnerStateAsync(student, (Week49, true)), await EventAsync(student, "e1", "content", "week1", Week49)], default);
        }

        var byDefault = (await handler.HandleAsync(Teacher, Course, "skill-week", default)).Value!;
        var set = await _settings.SetAsync(Admin, new SetAnalyticsSettingsCommand(3), default);
        var skills = (await handler.HandleAsync(Teacher, Course, "skill-week", default)).Value!;
        var modules = (await handler.HandleAsync(Teacher, Course, "module-week", default)).Value!;

        Assert.Equal((5, (double?)null, 3), (byDefault.MinCount, byDefault.Cells[0][0], byDefault.Counts[0][0]));
        Assert.Equal(3, set.Value!.MinCellCount);
        Assert.Equal((3, Bkt.Observe(LearnerModelSettings.Default.Bkt.PInit, true, LearnerModelSettings.Default.Bkt)), (skills.MinCount, skills.Cells[0][0]!.Value));
        Assert.Equal(["week1", "week2"], modules.Rows.Select(r => r.Id));
        Assert.Equal([[1.0], [0.0]], modules.Cells);
        Assert.Equal(3, (await _settings.GetAsync(Admin, default)).Value!.MinCellCount);
    }

    [Fact]
    public async Task CourseSums_RecomputedAtMostOncePerInterval_MarkedStaleInBetween_AndAStaleRecordIsRecomputedOnRead()
    {
        var clock = new Submissions.ManualClock(Week49);
        var projection = new AnalyticsWeeksProjection(_world.Store, clock);

        await projection.HandleAsync([await LearnerStateAsync("s1", (Week49, true))], default);
        var first = await StoredSumsAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        await projection.HandleAsync([await LearnerStateAsync("s2", (Week49, true))], default);
        var marked = await StoredSumsAsync();
        var read = await projection.CurrentAsync(ProjectionWorld.Tenant, Course, default);
        var afterRead = await StoredSumsAsync();
        clock.Advance(AnalyticsWeeksProjection.RecomputeInterval);
        await projection.HandleAsync([await LearnerStateAsync("s3", (Week49, true))], default);
        var later = await StoredSumsAsync();

        Assert.Equal((1, false), (first.Skills.Single().Count, first.Stale));
        Assert.Equal((1, true), (marked.Skills.Single().Count, marked.Stale)); // not recomputed within the interval
        Assert.Equal(2, read.Skills.Single().Count);
        Assert.Equal((2, false), (afterRead.Skills.Single().Count, afterRead.Stale));
        Assert.Equal((3, false), (later.Skills.Single().Count, later.Stale));
    }

    [Fact]
    public async Task CourseSums_AnUnchangedRedelivery_DoesNotMarkTheCourseStale()
    {
        var change = await LearnerStateAsync("s1", (Week49, true));
        await _projection.HandleAsync([change], default);
        var first = await _world.Store.GetAsync<CourseWeeksRecord>(ProjectionWorld.Tenant, Course, Course);

        await _projection.HandleAsync([change], default);

        Assert.Equal(first!.ETag, (await _world.Store.GetAsync<CourseWeeksRecord>(ProjectionWorld.Tenant, Course, Course))!.ETag);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(51)]
    [InlineData(null)]
    public async Task SetMinCellCount_OutOfRange_IsInvalidNamingMinCellCount_AndKeepsTheSetting(int? k)
    {
        var outcome = await _settings.SetAsync(Admin, new SetAnalyticsSettingsCommand(k), default);

        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        Assert.Equal(["minCellCount"], outcome.Problem.Errors!.Keys);
        Assert.Equal(AnalyticsSettings.DefaultMinCellCount, await _settings.MinCellCountAsync(ProjectionWorld.Tenant, default));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(50)]
    public async Task SetMinCellCount_AtTheBounds_IsStored(int k)
    {
        var outcome = await _settings.SetAsync(Admin, new SetAnalyticsSettingsCommand(k), default);

        Assert.Equal(k, outcome.Value!.MinCellCount);
        var tenant = await _world.Store.GetAsync<TenantRecord>(TenantId.Platform, ProjectionWorld.Tenant.Value);
        Assert.Equal(k, tenant!.Value.Settings[AnalyticsSettings.MinCellCountName]);
    }

    [Fact]
    public async Task Heatmap_UnknownKind_IsInvalidNamingKind()
    {
        var outcome = await new GetHeatmapHandler(_world.Store, _world.Cache, _settings, _projection, new AnalyticsItemsProjection(_world.Store, _world.Cache, TimeProvider.System)).HandleAsync(Teacher, Course, "pie", default);

        Assert.Equal(["kind"], outcome.Problem!.Errors!.Keys);
    }

    /// <summary>
    /// The student's learner state as the learner-state part left it, and the change of their last released submission, which this
    /// projection then receives in the same delivery (as the part analytics-weeks-on-submissions).
    /// </summary>
    private async Task<StoredDocument> LearnerStateAsync(string userId, params (DateTimeOffset At, bool Correct)[] answers) =>
        await LearnerStateAsync(userId, SubmissionStatus.Released, answers);

    private async Task<StoredDocument> LearnerStateAsync(string userId, SubmissionStatus status, params (DateTimeOffset At, bool Correct)[] answers)
    {
        var contributions = answers.Select((a, i) => new SubmissionContribution($"{userId}-sub{i}", "quiz1", 1, true, a.At, [new ItemOutcome("q1", ["fractions"], a.Correct)])).ToList();
        var record = new LearnerStateRecord(LearnerStateRecord.IdFor(Course, userId), Course, userId, contributions, Week49);
        await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, Containers.LearnerState, record.Id, record.PartitionKey, TypedDocumentStore.Serialize(record), ifMatch: null);
        var submission = GradingWorld.Submission($"{userId}-sub{answers.Length - 1}", "quiz1", status, user: userId);
        var result = await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, Containers.Submissions, submission.Id, submission.PartitionKey, TypedDocumentStore.Serialize(submission), ifMatch: null);
        return result.Document!;
    }

    private async Task<StoredDocument> EventAsync(string userId, string eventId, string objectType, string objectId, DateTimeOffset at)
    {
        var record = new UsageEventRecord(UsageEventRecord.IdFor(userId, eventId), eventId, userId, Course, "viewed", objectType, objectId, at, null, at);
        var result = await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, Containers.UsageEvents, record.Id, record.PartitionKey, TypedDocumentStore.Serialize(record), ifMatch: null);
        return result.Document!;
    }

    private async Task<CourseWeeksRecord> StoredSumsAsync() =>
        (await _world.Store.GetAsync<CourseWeeksRecord>(ProjectionWorld.Tenant, Course, Course))!.Value;

    private async Task<Versioned<StudentWeeksRecord>> WeeksAsync(string userId) =>
        (await _world.Store.GetAsync<StudentWeeksRecord>(ProjectionWorld.Tenant, StudentWeeksRecord.IdFor(Course, userId), Course))!;
}
