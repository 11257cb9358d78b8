using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>The one write that makes an assessment's results visible, and who sees a score.</summary>
public sealed class AssessmentReleasesTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Ensure_First_WritesTheRecordAtNow_Again_ReturnsTheFirstTime()
    {
        var assessment = await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));

        var first = await AssessmentReleases.EnsureAsync(_world.Store, GradingWorld.Tenant, assessment, GradingWorld.Now, default);
        var second = await AssessmentReleases.EnsureAsync(_world.Store, GradingWorld.Tenant, assessment, GradingWorld.Now.AddHours(3), default);

        Assert.Equal(GradingWorld.Now, first);
        Assert.Equal(GradingWorld.Now, second);
        Assert.Equal(GradingWorld.Now, (await _world.Store.GetAsync<AssessmentReleaseRecord>(GradingWorld.Tenant, "quiz1", GradingWorld.Course))!.Value.ReleasedAt);
    }

    [Theory]
    [InlineData(SubmissionStatus.Released, false, true)]
    [InlineData(SubmissionStatus.Released, true, true)]
    [InlineData(SubmissionStatus.Graded, true, true)]
    [InlineData(SubmissionStatus.Graded, false, false)]
    [InlineData(SubmissionStatus.AwaitingReview, true, false)]
    [InlineData(SubmissionStatus.Accepted, true, false)]
    public void IsVisible_ReleasedAlways_GradedOnceTheAssessmentIsReleased(SubmissionStatus status, bool assessmentReleased, bool visible) =>
        Assert.Equal(visible, AssessmentReleases.IsVisible(status, assessmentReleased));

    [Theory]
    [InlineData(ReleasePolicy.Immediate, false)]
    [InlineData(ReleasePolicy.AfterDue, true)]
    [InlineData(ReleasePolicy.Manual, true)]
    [InlineData(ReleasePolicy.Scheduled, true)]
    public void IsAtomic_EveryPolicyButImmediate(string mode, bool atomic) =>
        Assert.Equal(atomic, AssessmentReleases.IsAtomic(GradingWorld.Quiz("quiz1", GradingWorld.Policy(mode, GradingWorld.Due))));
}
