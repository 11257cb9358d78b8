using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;

namespace EdTech.Application.Tests.Lifecycle;

/// <summary>Archive on SQLite: If-Match, the same values again write nothing, an archived course refuses submits naming the course.</summary>
public sealed class CourseArchiveTests : IAsyncLifetime
{
    private readonly LifecycleWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static UpdateCourseCommand Archive(bool archived) => new(Optional<string?>.Absent, new Optional<bool?>(true, archived));

    [Fact]
    public async Task Archive_WithAStaleIfMatch_Is412_WithoutIfMatchAppliesToTheLatest_AndTheSameAgainWritesNothing()
    {
        var stale = await _world.Courses().HandleAsync(_world.Admin, SubmitWorld.Course, Archive(true), "\"stale\"", CancellationToken.None);
        var archived = await _world.Courses().HandleAsync(_world.Admin, SubmitWorld.Course, Archive(true), null, CancellationToken.None);
        var again = await _world.Courses().HandleAsync(_world.Admin, SubmitWorld.Course, Archive(true), null, CancellationToken.None);

        Assert.Equal(ProblemKind.PreconditionFailed, stale.Problem?.Kind);
        Assert.NotNull(archived.Value!.Value.ArchivedAt);
        Assert.Equal(archived.Value.ETag, again.Value!.ETag);
    }

    [Fact]
    public async Task ArchivedCourse_RefusesASubmit_WithAConflictNamingTheCourse_AndStoresNothing()
    {
        await _world.AddAssessmentAsync();
        await _world.Courses().HandleAsync(_world.Admin, SubmitWorld.Course, Archive(true), null, CancellationToken.None);

        var refused = await _world.Submit().HandleAsync(_world.Student, "quiz1", SubmitWorld.Answers(), null, CancellationToken.None);

        Assert.Equal(ProblemKind.Conflict, refused.Problem?.Kind);
        Assert.Equal(CourseArchive.ArchivedCode, refused.Problem!.Code);
        Assert.Contains(SubmitWorld.Course, refused.Problem.Detail, StringComparison.Ordinal);
        Assert.True(refused.Problem.Errors!.ContainsKey("courseId"));
        Assert.Empty(await _world.SubmissionsAsync());
    }

    [Fact]
    public async Task Unarchive_ReopensTheCourse()
    {
        await _world.AddAssessmentAsync();
        await _world.Courses().HandleAsync(_world.Admin, SubmitWorld.Course, Archive(true), null, CancellationToken.None);
        var handler = _world.Courses();

        await handler.HandleAsync(_world.Admin, SubmitWorld.Course, Archive(false), null, CancellationToken.None);
        var submitted = await _world.Submit().HandleAsync(_world.Student, "quiz1", SubmitWorld.Answers(), null, CancellationToken.None);

        Assert.True(submitted.IsSuccess, submitted.Problem?.Detail);
        Assert.Null((await _world.Store.GetAsync<CourseRecord>(LifecycleWorld.Tenant, SubmitWorld.Course, SubmitWorld.Course))!.Value.ArchivedAt);
    }

    [Fact]
    public async Task UnknownOrInvalidCourse_IsNotFound()
    {
        Assert.Equal(ProblemKind.NotFound, (await _world.Courses().HandleAsync(_world.Admin, "nope", Archive(true), null, CancellationToken.None)).Problem?.Kind);
        Assert.Equal(ProblemKind.NotFound, (await _world.Courses().HandleAsync(_world.Admin, "bad id!", Archive(true), null, CancellationToken.None)).Problem?.Kind);
    }
}
