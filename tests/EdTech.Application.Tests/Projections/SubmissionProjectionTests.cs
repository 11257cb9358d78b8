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
}
