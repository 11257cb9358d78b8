using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>The change-feed consumer that starts ReleaseResults for an assessment marked released that still holds graded work.</summary>
public sealed class StartReleaseOnRequestTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_MarkedWithGradedWork_StartsAtTheNewestPendingGeneration()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Now);
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-2", "quiz1", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-3", "quiz1", SubmissionStatus.Released);
        var newest = (await _world.DocumentAsync(Containers.Submissions, "s-2")).Sequence;

        await Handle("quiz1");

        Assert.Equal([$"school-a:quiz1:{newest}"], _world.Workflows.Releases);
    }

    [Fact]
    public async Task Handle_NotMarked_StartsNothing()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);

        await Handle("quiz1");

        Assert.Empty(_world.Workflows.Releases);
    }

    [Fact]
    public async Task Handle_MarkedButNothingPending_StartsNothing()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Now);
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Released);

        await Handle("quiz1");

        Assert.Empty(_world.Workflows.Releases);
    }

    [Fact]
    public async Task Handle_MarkedThenDeleted_IsDroppedAndTheNextChangeStillRuns()
    {
        await _world.AddAssessmentAsync("deleted", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Now);
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Now);
        await _world.AddSubmissionAsync("s-0", "deleted", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);
        var deleted = await _world.DocumentAsync(Containers.Assessments, "deleted");
        await _world.Store.DeleteAsync(GradingWorld.Tenant, Containers.Assessments, "deleted");

        await new StartReleaseOnRequest(_world.Store, _world.Workflows).HandleAsync([deleted, await _world.DocumentAsync(Containers.Assessments, "quiz1")], default);

        Assert.Equal(["quiz1"], _world.Workflows.Releases.Select(r => r.Split(':')[1]));
    }

    private async Task Handle(string assessmentId) =>
        await new StartReleaseOnRequest(_world.Store, _world.Workflows).HandleAsync([await _world.DocumentAsync(Containers.Assessments, assessmentId)], default);
}
