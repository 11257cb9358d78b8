using EdTech.Application.Projections;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Projections;

/// <summary>
/// The grading batch shows its results itself (<see cref="SubmissionViews.ShowCurrentAsync"/>) and the feed projection still
/// sees every change: whichever comes second writes nothing, and an older version never takes a newer one's place.
/// </summary>
public sealed class SubmissionViewsTests : IAsyncLifetime
{
    private readonly ProjectionWorld _world = new();
    private SubmissionViews _views = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _views = new SubmissionViews(_world.Store, _world.Cache);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ShowCurrent_WritesTheViewAndGradebookRowOfTheStoredVersion_WithItsSequence()
    {
        await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Accepted, userId: "u1"));
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4, userId: "u1"));
        var graded = await _world.WriteAsync(ProjectionWorld.Submission("sub-2", SubmissionStatus.Graded, 2, userId: "u2"));

        await _views.ShowCurrentAsync(ProjectionWorld.Tenant, ["sub-1", "sub-2", "sub-1"], default);

        var view = (await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, "sub-1"))!.Value;
        Assert.Equal((SubmissionStatus.Released, 4m, released.Sequence), (view.Status, view.Score, view.SourceSequence));
        var row = (await _world.Store.GetAsync<GradebookEntry>(ProjectionWorld.Tenant, GradebookEntry.IdFor("math101", "u1", "quiz1")))!.Value;
        Assert.Equal((SubmissionStatus.Released, 4m, released.Sequence), (row.Status, row.Score, row.SourceSequence));
        var other = (await _world.Store.GetAsync<GradebookEntry>(ProjectionWorld.Tenant, GradebookEntry.IdFor("math101", "u2", "quiz1")))!.Value;
        Assert.Equal((SubmissionStatus.Graded, graded.Sequence), (other.Status, other.SourceSequence));
    }

    [Fact]
    public async Task TheFeedDeliversTheShownVersionAfterwards_NothingIsWrittenAgain()
    {
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4));
        await _views.ShowCurrentAsync(ProjectionWorld.Tenant, ["sub-1"], default);
        var counting = new CountingStore(_world.Store);

        await new SubmissionProjection(counting, _world.Cache).HandleAsync([released], default);

        Assert.Equal(0, counting.AllWrites);
    }

    [Fact]
    public async Task TheBatchShowsTheVersionBetweenTheProjectionsReadAndWrite_TheProjectionReadsAgain_NoConflictEscapes()
    {
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4));
        var racing = new CountingStore(_world.Store);
        var raced = 0;
        racing.BeforeWrite = async container =>
        {
            // The grading batch shows the same version first, once: the projection's create (it read no view) conflicts.
            if (Interlocked.Exchange(ref raced, 1) == 0)
            {
                await _views.ShowCurrentAsync(ProjectionWorld.Tenant, ["sub-1"], default);
            }
        };

        await new SubmissionProjection(racing, _world.Cache).HandleAsync([released], default);

        Assert.Equal(1, raced);
        Assert.Equal(0, racing.AllWrites); // its second read found both written by the batch
        var view = (await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, "sub-1"))!.Value;
        Assert.Equal((SubmissionStatus.Released, 4m, released.Sequence), (view.Status, view.Score, view.SourceSequence));
    }

    [Fact]
    public async Task AConflictOnEveryTry_Surfaces_SoTheDeliveryIsRetried()
    {
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4));
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, SubmissionViews.ToView(ProjectionWorld.Submission("sub-1", SubmissionStatus.Accepted), 0));
        var racing = new CountingStore(_world.Store);
        var tries = 0;
        racing.BeforeWrite = async container =>
        {
            // Another writer changes the view before each of the projection's writes, so every write it makes is stale.
            Interlocked.Increment(ref tries);
            var stored = (await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, "sub-1"))!;
            await _world.Store.ReplaceAsync(ProjectionWorld.Tenant, stored.Value with { Late = !stored.Value.Late }, stored.ETag);
        };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new SubmissionProjection(racing, _world.Cache).HandleAsync([released], default));

        Assert.Equal(SubmissionViews.ConflictAttempts, tries);
    }

    [Fact]
    public async Task AnOlderVersionDeliveredAfterTheNewerWasShown_RollsNeitherTheViewNorTheGradebookBack()
    {
        // The projection read the accepted change; the grading batch then released the submission and showed it; the
        // projection's older change is applied last.
        var accepted = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Accepted));
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 4));
        await _views.ShowCurrentAsync(ProjectionWorld.Tenant, ["sub-1"], default);
        var counting = new CountingStore(_world.Store);

        await new SubmissionProjection(counting, _world.Cache).HandleAsync([accepted], default);

        Assert.Equal(0, counting.AllWrites);
        var view = (await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, "sub-1"))!.Value;
        Assert.Equal((SubmissionStatus.Released, 4m), (view.Status, view.Score));
        var row = (await _world.Store.GetAsync<GradebookEntry>(ProjectionWorld.Tenant, GradebookEntry.IdFor("math101", "s1", "quiz1")))!.Value;
        Assert.Equal((SubmissionStatus.Released, 4m, released.Sequence), (row.Status, row.Score, row.SourceSequence));
    }

    [Fact]
    public async Task ALaterVersionOfTheSameAttempt_ReplacesTheRow_AndARowWrittenBeforeSequencesWereKeptIsReplacedToo()
    {
        var stored = new GradebookEntry(GradebookEntry.IdFor("math101", "s1", "quiz1"), "math101", "s1", "quiz1", "sub-1", SubmissionStatus.Graded,
            DateTimeOffset.Parse("2026-06-01T09:00:00Z", null), 5, 3);
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, stored);
        var released = await _world.WriteAsync(ProjectionWorld.Submission("sub-1", SubmissionStatus.Released, 3));

        await new SubmissionProjection(_world.Store, _world.Cache).HandleAsync([released], default);

        var row = (await _world.Store.GetAsync<GradebookEntry>(ProjectionWorld.Tenant, stored.Id))!.Value;
        Assert.Equal((SubmissionStatus.Released, released.Sequence), (row.Status, row.SourceSequence));
        Assert.True(SubmissionViews.Counts(row with { SourceSequence = 7 }, row with { SourceSequence = 7 }));
        Assert.False(SubmissionViews.Counts(row with { SourceSequence = 6 }, row with { SourceSequence = 7 }));
    }

    [Fact]
    public async Task ShowCurrent_ASubmissionThatIsGone_WritesNothing()
    {
        var counting = new CountingStore(_world.Store);

        await new SubmissionViews(counting, _world.Cache).ShowCurrentAsync(ProjectionWorld.Tenant, ["erased"], default);

        Assert.Equal(0, counting.AllWrites);
        Assert.Null(await _world.Store.GetAsync<SubmissionViewRecord>(ProjectionWorld.Tenant, "erased"));
    }
}
