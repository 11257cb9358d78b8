using EdTech.Application.Grading;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>The sweep that re-drives grading left unfinished: every unfinished status, graded work only once its release is due.</summary>
public sealed class UnfinishedGradingReconcilerTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Reconcile_EveryTenant_RedrivesUnfinishedWorkInBatches_ReviewWaitsAlone_LeavesGradedWorkAtRestUntilItsRelease()
    {
        var schoolB = new TenantId("school-b");
        await _world.AddTenantAsync(schoolB.Value, "UTC");
        await _world.AddAssessmentAsync("manual", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddAssessmentAsync("manual-released", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Now);
        await _world.AddAssessmentAsync("after-due", GradingWorld.Policy(ReleasePolicy.AfterDue));
        await _world.AddSubmissionAsync("s-accepted", "manual", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-grading", "manual", SubmissionStatus.Grading);
        await _world.AddSubmissionAsync("s-review", "manual", SubmissionStatus.AwaitingReview);
        await _world.AddSubmissionAsync("s-graded-at-rest", "manual", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-released", "manual-released", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-due", "after-due", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-graded-gone", "gone", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-released", "after-due", SubmissionStatus.Released);
        await _world.AddSubmissionAsync("s-b", "manual", SubmissionStatus.Accepted, schoolB);

        var count = await new UnfinishedGradingReconciler(_world.Store, _world.Workflows, _world.Clock, _world.Logs.For<UnfinishedGradingReconciler>())
            .ReconcileAsync(default);

        Assert.Equal(7, count);
        // Only the one awaiting review gets its own workflow (it waits and reminds); the rest are graded (or released) in batches per tenant.
        Assert.Equal(["school-a:s-review"], _world.Workflows.Gradings);
        Assert.Equal(
            ["school-a:s-accepted", "school-a:s-graded-due", "school-a:s-graded-gone", "school-a:s-graded-released", "school-a:s-grading", "school-b:s-b"],
            _world.Workflows.Batches.SelectMany(b => b.Split(':')[1].Split(',').Select(id => b.Split(':')[0] + ":" + id)).Order(StringComparer.Ordinal));
        _world.Logs.AssertLogged("Re-drove 7 unfinished submissions");
    }
}
