using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Analytics;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Projections;

public sealed class AssessmentStatisticsProjectionTests : IAsyncLifetime
{
    private readonly ProjectionWorld _world = new();
    private AssessmentStatisticsProjection _projection = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _projection = new AssessmentStatisticsProjection(_world.Store, _world.Cache);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task TheSameChangeDeliveredTwice_CountsOnce()
    {
        var first = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Released, 4, "s1", new ItemScore("q1", 4, 5)));
        var second = await _world.WriteAsync(ProjectionWorld.Submission("sub2", SubmissionStatus.Graded, 2, "s2", new ItemScore("q1", 2, 5)));

        await _projection.HandleAsync([first, second], default);
        await _projection.HandleAsync([first, second], default);
        await _projection.HandleAsync([second], default);

        var stats = await StatisticsAsync();
        Assert.Equal((2, 2, 1), (stats.Submitted, stats.Graded, stats.Released));
        Assert.Equal((3m, 2m, 4m), (stats.MeanScore, stats.MinScore, stats.MaxScoreAchieved));
        var item = Assert.Single(stats.Items);
        Assert.Equal(("q1", 3m, 2, 2), (item.ItemId, item.Mean, item.Scored, item.Responses));
        Assert.Equal(0.6, item.Facility!.Value, 12);
    }

    [Fact]
    public async Task ItemAnalysis_TakesEachStudentsLatestGradedAttempt_WhileMeansCountEveryAttempt()
    {
        var early = ProjectionWorld.Submission("sub1", SubmissionStatus.Released, 0, "s1", new ItemScore("q1", 0, 5));
        var late = ProjectionWorld.Submission("sub2", SubmissionStatus.Released, 5, "s1", new ItemScore("q1", 5, 5)) with { ReceivedAt = early.ReceivedAt.AddHours(1) };
        var other = ProjectionWorld.Submission("sub3", SubmissionStatus.Graded, 5, "s2", new ItemScore("q1", 5, 5));
        var pending = ProjectionWorld.Submission("sub4", SubmissionStatus.Accepted, null, "s2");
        await _projection.HandleAsync([await _world.WriteAsync(late), await _world.WriteAsync(early), await _world.WriteAsync(other), await _world.WriteAsync(pending)], default);

        var item = Assert.Single((await StatisticsAsync()).Items);

        Assert.Equal((3, 2), (item.Scored, item.Responses));
        Assert.Equal(1.0, item.Facility);
    }

    [Fact]
    public async Task ARegrade_ReplacesTheSubmissionsScore_AndAnOlderRedeliveryDoesNotRevertIt()
    {
        var graded = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Graded, 2, "s1", new ItemScore("q1", 2, 5)));
        var regraded = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Graded, 5, "s1", new ItemScore("q1", 5, 5)));

        await _projection.HandleAsync([graded], default);
        await _projection.HandleAsync([regraded], default);
        await _projection.HandleAsync([graded], default);

        var stats = await StatisticsAsync();
        Assert.Equal((1, 1), (stats.Submitted, stats.Graded));
        Assert.Equal((5m, 5m, 5m), (stats.MeanScore, stats.MinScore, stats.MaxScoreAchieved));
        Assert.Equal(5m, Assert.Single(stats.Items).Mean);
    }

    [Fact]
    public async Task UngradedSubmissions_CountAsSubmittedOnly_AndUnscoredItemsAreLeftOut()
    {
        var awaiting = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.AwaitingReview, null, "s1", new ItemScore("q1", 1, 1), new ItemScore("e1", null, 5)));

        await _projection.HandleAsync([awaiting], default);

        var stats = await StatisticsAsync("q1", "e1");
        Assert.Equal((1, 0, 0), (stats.Submitted, stats.Graded, stats.Released));
        Assert.Equal(2, stats.Items.Count);
        Assert.Null(stats.MeanScore);
        Assert.All(stats.Items, i => Assert.Equal((null, 0), (i.Mean, i.Scored)));
    }

    [Fact]
    public async Task AChangeOfAnErasedSubmission_IsSkipped_SoErasureIsNotUndone()
    {
        var change = await _world.WriteAsync(ProjectionWorld.Submission("sub1", SubmissionStatus.Released, 4));
        Assert.True(await _world.Store.DeleteAsync(ProjectionWorld.Tenant, Containers.Submissions, "sub1"));

        await _projection.HandleAsync([change], default);

        Assert.Equal(0, (await StatisticsAsync()).Submitted);
    }

    private async Task<AssessmentStatistics> StatisticsAsync(params string[] itemIds)
    {
        var contributions = await _world.Store.QueryAsync<StatisticsContribution>(ProjectionWorld.Tenant, DocumentQuery.InPartition("quiz1"));
        var items = (itemIds.Length > 0 ? itemIds : ["q1"]).Select(id => new AnalysedItem(id, 5)).ToList();
        return AssessmentStatistics.From("quiz1", "math101", 5, items, contributions.Select(c => c.Value).ToList(), ItemAnalysisOptions.Default);
    }
}
