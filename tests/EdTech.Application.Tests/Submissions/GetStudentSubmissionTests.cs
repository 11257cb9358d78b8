using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Submissions;

/// <summary>The student's read of one submission: own views only, the score only once released.</summary>
public sealed class GetStudentSubmissionTests : IAsyncLifetime
{
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static SubmissionViewRecord View(SubmissionStatus status, string userId = SubmitWorld.Student, decimal? score = 4) =>
        new("sub1", "quiz1", SubmitWorld.Course, userId, status, true, SubmitWorld.Due, 5, score, 7);

    private Task<Outcome<StudentSubmissionView>> GetAsync(string userId = SubmitWorld.Student) =>
        new GetStudentSubmissionHandler(_world.Store).HandleAsync(_world.Caller with { UserId = userId }, "sub1", CancellationToken.None);

    private Task ReleaseAsync() =>
        _world.Store.CreateAsync(SubmitWorld.Tenant, new AssessmentReleaseRecord("quiz1", SubmitWorld.Course, SubmitWorld.Due));

    [Fact]
    public async Task Handle_NoView_IsNotFoundNamingTheSubmission()
    {
        var problem = (await GetAsync()).Problem;

        Assert.Equal(ProblemKind.NotFound, problem?.Kind);
        Assert.Contains("submission", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_AnotherStudentsSubmission_IsNotFound()
    {
        await _world.Store.CreateAsync(SubmitWorld.Tenant, View(SubmissionStatus.Graded, userId: "s2"));
        // The view is partitioned by its student: also put one in the caller's partition under the other's name.
        await _world.Store.CreateAsync(SubmitWorld.Tenant, Containers.SubmissionViews, "sub1", SubmitWorld.Student,
            TypedDocumentStore.Serialize(View(SubmissionStatus.Graded, userId: "s2")));

        Assert.Equal(ProblemKind.NotFound, (await GetAsync()).Problem?.Kind);
    }

    [Fact]
    public async Task Handle_GradedNotReleased_HidesTheScore()
    {
        await _world.Store.CreateAsync(SubmitWorld.Tenant, View(SubmissionStatus.Graded));

        var view = (await GetAsync()).Value!;

        Assert.Equal((SubmissionStatus.Graded, (decimal?)null, (decimal?)null), (view.Status, view.Score, view.MaxScore));
        Assert.Equal(("sub1", "quiz1", true, SubmitWorld.Due), (view.SubmissionId, view.AssessmentId, view.Late, view.SubmittedAt));
    }

    [Fact]
    public async Task Handle_GradedOfAReleasedAssessment_IsReleasedWithScore()
    {
        await _world.Store.CreateAsync(SubmitWorld.Tenant, View(SubmissionStatus.Graded));
        await ReleaseAsync();

        var view = (await GetAsync()).Value!;

        Assert.Equal((SubmissionStatus.Released, (decimal?)4, (decimal?)5), (view.Status, view.Score, view.MaxScore));
    }

    [Fact]
    public async Task Handle_NotYetGradedOfAReleasedAssessment_HidesTheScore()
    {
        await _world.Store.CreateAsync(SubmitWorld.Tenant, View(SubmissionStatus.AwaitingReview, score: 2));
        await ReleaseAsync();

        var view = (await GetAsync()).Value!;

        Assert.Equal((SubmissionStatus.AwaitingReview, (decimal?)null), (view.Status, view.Score));
    }

    [Fact]
    public async Task Handle_Released_ShowsTheScore()
    {
        await _world.Store.CreateAsync(SubmitWorld.Tenant, View(SubmissionStatus.Released));

        var view = (await GetAsync()).Value!;

        Assert.Equal((SubmissionStatus.Released, (decimal?)4), (view.Status, view.Score));
    }

    [Fact]
    public async Task IsAssessmentReleased_OnlyItsOwnReleaseRecordCounts()
    {
        await _world.Store.CreateAsync(SubmitWorld.Tenant, new AssessmentReleaseRecord("quiz2", SubmitWorld.Course, SubmitWorld.Due));

        Assert.False(await GetStudentSubmissionHandler.IsAssessmentReleasedAsync(_world.Store, SubmitWorld.Tenant, "quiz1", SubmitWorld.Course, CancellationToken.None));
        Assert.True(await GetStudentSubmissionHandler.IsAssessmentReleasedAsync(_world.Store, SubmitWorld.Tenant, "quiz2", SubmitWorld.Course, CancellationToken.None));
        Assert.False(await GetStudentSubmissionHandler.IsAssessmentReleasedAsync(_world.Store, new TenantId("school-b"), "quiz2", SubmitWorld.Course, CancellationToken.None));
    }
}
