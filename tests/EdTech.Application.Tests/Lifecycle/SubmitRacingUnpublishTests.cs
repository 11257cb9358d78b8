using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Application.Tests.Submissions;

namespace EdTech.Application.Tests.Lifecycle;

/// <summary>
/// A submit racing an unpublish never leaves a submission on a draft: both interleavings that matter, made deterministic by
/// running the other request at the exact point where it lands on another instance (docs/api-lifecycle.md).
/// </summary>
public sealed class SubmitRacingUnpublishTests : IAsyncLifetime
{
    private readonly LifecycleWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task UnpublishCompletesBetweenTheSubmitsCheckAndItsCreate_TheSubmissionUndoesItself_404()
    {
        await _world.AddAssessmentAsync();
        var submissionId = SubmissionIds.For(SubmitWorld.Student, "quiz1", "k1");
        Outcome<Assessments.TeacherAssessment>? unpublished = null;
        var store = new HookedStore(_world.Store, Containers.Submissions, submissionId,
            async () => unpublished = await _world.States().UnpublishAsync(_world.Teacher, SubmitWorld.Course, "quiz1", null, CancellationToken.None));

        var submitted = await _world.Submit(store).HandleAsync(_world.Student, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None);

        Assert.True(unpublished!.IsSuccess);
        Assert.False(unpublished.Value!.Record.IsPublished());
        Assert.Equal(ProblemKind.NotFound, submitted.Problem?.Kind);
        Assert.Empty(await _world.SubmissionsAsync());
        Assert.Null(await _world.Store.GetAsync<SubmissionViewRecord>(LifecycleWorld.Tenant, submissionId, SubmitWorld.Student));
        Assert.False((await _world.AssessmentAsync()).IsPublished());
    }

    [Fact]
    public async Task SubmitLandsBetweenTheUnpublishsSearchAndItsDraftWrite_UnpublishPutsPublishedBack_409_SubmissionStays()
    {
        await _world.AddAssessmentAsync();
        Outcome<SubmissionAccepted>? submitted = null;
        var store = new HookedStore(_world.Store, Containers.Assessments, "quiz1",
            async () => submitted = await _world.Submit().HandleAsync(_world.Student, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None));

        var unpublished = await _world.States(store).UnpublishAsync(_world.Teacher, SubmitWorld.Course, "quiz1", null, CancellationToken.None);

        Assert.True(submitted!.IsSuccess, submitted.Problem?.Detail);
        Assert.Equal(ProblemKind.Conflict, unpublished.Problem?.Kind);
        Assert.Equal(SetAssessmentStateHandler.AnsweredCode, unpublished.Problem?.Code);
        Assert.Single(await _world.SubmissionsAsync());
        Assert.True((await _world.AssessmentAsync()).IsPublished());
    }

    [Fact]
    public async Task SubmitWithMaxAttempts_RacingAnUnpublish_AlsoUndoesItself()
    {
        var capped = SubmitWorld.Quiz(maxAttempts: 2);
        await _world.Store.CreateAsync(LifecycleWorld.Tenant, new AssessmentRecord("quiz1", SubmitWorld.Course, 1, capped, "t1", SubmitWorld.Due.AddDays(-7)));
        var store = new HookedStore(_world.Store, Containers.Submissions, SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 1),
            async () => await _world.States().UnpublishAsync(_world.Teacher, SubmitWorld.Course, "quiz1", null, CancellationToken.None));

        var submitted = await _world.Submit(store).HandleAsync(_world.Student, "quiz1", SubmitWorld.Answers(), null, CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, submitted.Problem?.Kind);
        Assert.Empty(await _world.SubmissionsAsync());
    }
}
