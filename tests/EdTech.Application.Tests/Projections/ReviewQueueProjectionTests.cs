using EdTech.Domain.Serialization;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Projections;

public sealed class ReviewQueueProjectionTests : IAsyncLifetime
{
    private readonly ProjectionWorld _world = new();
    private ReviewQueueProjection _projection = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _projection = new ReviewQueueProjection(_world.Store, _world.Cache);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task AwaitingReview_Enters_AndTheSameChangeTwice_LeavesOneEntry()
    {
        var change = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.AwaitingReview));

        await _projection.HandleAsync([change], default);
        await _projection.HandleAsync([change, change], default);

        var waiting = await WaitingAsync();
        var entry = Assert.Single(waiting);
        Assert.Equal(("sub1", "quiz1", "s1", change.Sequence), (entry.Id, entry.AssessmentId, entry.UserId, entry.SourceSequence));
    }

    [Fact]
    public async Task Graded_Leaves_AndAnOlderAwaitingChangeRedeliveredLater_DoesNotBringItBack()
    {
        var awaiting = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.AwaitingReview));
        var graded = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Released, 4));

        await _projection.HandleAsync([awaiting, graded], default);
        Assert.Empty(await WaitingAsync());

        await _projection.HandleAsync([awaiting], default);
        Assert.Empty(await WaitingAsync());
    }

    [Fact]
    public async Task ASubmissionThatNeverAwaitsReview_GetsNoEntry()
    {
        await _projection.HandleAsync([await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Graded, 5))], default);

        Assert.Empty(await _world.Store.QueryAsync<ReviewQueueEntry>(ProjectionWorld.Tenant, DocumentQuery.All));
    }

    [Fact]
    public async Task AChangeOfAnErasedSubmission_IsSkipped_SoErasureIsNotUndone()
    {
        var change = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.AwaitingReview));
        Assert.True(await _world.Store.DeleteAsync(ProjectionWorld.Tenant, Containers.Submissions, "sub1"));

        await _projection.HandleAsync([change], default);

        Assert.Empty(await _world.Store.QueryAsync<ReviewQueueEntry>(ProjectionWorld.Tenant, DocumentQuery.All));
    }

    [Fact]
    public async Task ABatchFailingMidway_StillInvalidatesTheCoursesItAlreadyChanged()
    {
        string[] tags = [EdTech.Application.Caching.TeacherQueryCache.CourseTag(ProjectionWorld.Tenant, "math101")];
        Assert.Equal("before", await _world.Cache.GetOrCreateAsync(ProjectionWorld.Tenant, "queue", tags, _ => ValueTask.FromResult("before"), default));
        var projection = new ReviewQueueProjection(new FailingOnceStore(_world.Store, "sub2"), _world.Cache);
        var first = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.AwaitingReview));
        var second = await _world.WriteAsync(ProjectionWorld.Submission("sub2", SubmissionStatus.AwaitingReview));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => projection.HandleAsync([first, second], default));

        Assert.Equal("after", await _world.Cache.GetOrCreateAsync(ProjectionWorld.Tenant, "queue", tags, _ => ValueTask.FromResult("after"), default));
        await projection.HandleAsync([first, second], default); // the redelivery completes the batch
        Assert.Equal(2, (await WaitingAsync()).Count);
    }

    private async Task<IReadOnlyList<ReviewQueueEntry>> WaitingAsync() =>
        (await _world.Store.QueryAsync<ReviewQueueEntry>(ProjectionWorld.Tenant, DocumentQuery.Where("status", SubmissionStatus.AwaitingReview.Wire(), "math101")))
            .Select(e => e.Value).ToList();
}
