using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Projections;

public sealed class SubmissionProjectionTests : IAsyncLifetime
{
    private readonly ProjectionWorld _world = new();
    private SubmissionProjection _projection = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _projection = new SubmissionProjection(_world.Store, _world.Cache);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ABatchOfManyStudents_WritesEveryView_AndTwoAttemptsOfOneStudentLandInFeedOrder()
    {
        var first = ProjectionWorld.Submission("attempt-1", SubmissionStatus.Released, 3, userId: "twice");
        var second = ProjectionWorld.Submission("attempt-2", SubmissionStatus.Released, 5, userId: "twice") with { ReceivedAt = first.ReceivedAt.AddMinutes(5) };
        var changes = new List<StoredDocument> { await _world.WriteAsync(first) };
        for (var i = 0; i < 40; i++)
        {
            changes.Add(await _world.WriteAsync(ProjectionWorld.Submission($"sub-{i}", SubmissionStatus.Released, i % 6, userId: $"student-{i}")));
        }

        changes.Add(await _world.WriteAsync(second));

        await _projection.HandleAsync(changes, default);

        foreach (var change in changes)
        {
            Assert.NotNull(await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, change.Id));
        }

        var row = await _world.Store.GetAsync<GradebookEntry>(ProjectionWorld.Tenant, GradebookEntry.IdFor("math101", "twice", "quiz1"));
        Assert.Equal(("attempt-2", 5m), (row!.Value.SubmissionId, row.Value.Score));
    }

    [Fact]
    public async Task AcceptedChange_ViewWrittenBySubmit_IsNotRewritten_AndTheReleaseIs()
    {
        var accepted = ProjectionWorld.Submission("sub-1", SubmissionStatus.Accepted);
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, SubmissionViews.ToView(accepted, sequence: 0));
        var acceptedChange = await _world.WriteAsync(accepted);
        var counting = new CountingStore(_world.Store);
        var projection = new SubmissionProjection(counting, _world.Cache);

        await projection.HandleAsync([acceptedChange], default);

        Assert.Equal(0, counting.Writes(Containers.SubmissionViews));
        Assert.Equal(1, counting.Writes(Containers.Gradebook)); // the row is new: written once
        var releasedChange = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4));
        await projection.HandleAsync([releasedChange], default);
        await projection.HandleAsync([acceptedChange], default); // redelivered, out of order

        var view = (await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, "sub-1"))!.Value;
        Assert.Equal((SubmissionStatus.Released, 4m, releasedChange.Sequence), (view.Status, view.Score, view.SourceSequence));
        Assert.Equal(1, counting.Writes(Containers.SubmissionViews));
    }

    [Fact]
    public async Task RedeliveredChange_IdenticalGradebookRow_IsNotRewritten()
    {
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4));
        await _projection.HandleAsync([released], default);
        var counting = new CountingStore(_world.Store);

        await new SubmissionProjection(counting, _world.Cache).HandleAsync([released], default);

        Assert.Equal(0, counting.AllWrites);
    }

    [Fact]
    public void SameContent_DiffersOnlyBySequence_IsTrue_OtherwiseFalse()
    {
        var view = SubmissionViews.ToView(ProjectionWorld.Submission("sub-1", SubmissionStatus.Accepted), sequence: 0);

        Assert.True(SubmissionViews.SameContent(view, view with { SourceSequence = 9 }));
        Assert.False(SubmissionViews.SameContent(view, view with { SourceSequence = 9, Status = SubmissionStatus.Released }));
        Assert.False(SubmissionViews.SameContent(view, view with { Score = 1 }));
    }
}
