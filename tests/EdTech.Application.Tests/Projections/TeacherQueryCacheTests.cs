using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Common;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Projections;

/// <summary>Read (cached), the projection changes, read again: fresh. And the cache never crosses tenants.</summary>
public sealed class TeacherQueryCacheTests : IAsyncLifetime
{
    private static readonly Caller Teacher = new(ProjectionWorld.Tenant, "t1", new HashSet<string> { Roles.Teacher });
    private readonly ProjectionWorld _world = new();
    private GetAssessmentStatisticsHandler _handler = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        var assessment = new Assessment("quiz1", "math101", "Quiz", DateTimeOffset.UnixEpoch, 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null),
            [new AssessmentItem("q1", ItemType.SingleChoice, "2+2?", ["4", "5"], null, null, 5, [])]);
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new AssessmentRecord("quiz1", "math101", 1, assessment, "t1", DateTimeOffset.UnixEpoch));
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", "t1"), "math101", "t1", Roles.Teacher, DateTimeOffset.UnixEpoch));
        _handler = new GetAssessmentStatisticsHandler(_world.Store, new AssessmentLookup(_world.Store, TimeProvider.System), new CourseAccess(_world.Store, TimeProvider.System, AccessCacheSettings.Default), _world.Cache);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Statistics_ReadChangeRead_IsFresh()
    {
        var projection = new AssessmentStatisticsProjection(_world.Store, _world.Cache);
        Assert.Equal(0, (await _handler.HandleAsync(Teacher, "quiz1", default)).Value!.Submitted);

        await projection.HandleAsync([await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Graded, 3))], default);
        var afterFirst = (await _handler.HandleAsync(Teacher, "quiz1", default)).Value!;
        Assert.Equal((1, 3m), (afterFirst.Graded, afterFirst.MeanScore));

        await projection.HandleAsync([await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Graded, 5))], default);
        Assert.Equal(5m, (await _handler.HandleAsync(Teacher, "quiz1", default)).Value!.MeanScore);
    }

    [Fact]
    public async Task Statistics_WithoutAProjectionChange_AreServedFromTheCache()
    {
        Assert.Equal(0, (await _handler.HandleAsync(Teacher, "quiz1", default)).Value!.Submitted);

        // Written behind the projection's back: no invalidation, so the cached answer stands.
        var contribution = new StatisticsContribution("sub1", "quiz1", "math101", "s1", SubmissionStatus.Graded, 5, 5, [], 1);
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, contribution);

        Assert.Equal(0, (await _handler.HandleAsync(Teacher, "quiz1", default)).Value!.Submitted);
    }

    [Fact]
    public async Task AnotherTenantsTeacher_GetsNotFound_EvenWhenTheEntryIsCached()
    {
        Assert.True((await _handler.HandleAsync(Teacher, "quiz1", default)).IsSuccess);

        var outcome = await _handler.HandleAsync(Teacher with { Tenant = new TenantId("school-b") }, "quiz1", default);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }
}
