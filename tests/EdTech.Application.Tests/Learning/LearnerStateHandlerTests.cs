using EdTech.Application.Common;
using EdTech.Application.Learning;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Learning;

public sealed class LearnerStateHandlerTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("north");
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempSqliteStore _temp = new("edt-learn");
    private IDocumentStore _store = null!;
    private LearnerStateHandler _handler = null!;
    private RecommendationCache _cache = null!;

    public async Task InitializeAsync()
    {
        _store = _temp.Store;
        var clock = new FixedClock(Now);
        _cache = new RecommendationCache(clock, LearningOptions.Default);
        _handler = new LearnerStateHandler(_store, new RecommendationBuilder(_store, _cache, LearningOptions.Default, clock), LearningOptions.Default,
            new ErasureMarkers(_store), clock, NullLogger<LearnerStateHandler>.Instance);
        var items = new[] { Item("m1", "multiplication"), Item("m2", "multiplication"), Item("a1", "addition") };
        var assessment = new Assessment("times", "maths", "Times", Now.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
        await _store.CreateAsync(Tenant, new AssessmentRecord("times", "maths", 1, assessment, "t1", Now));
    }

    public Task DisposeAsync() => _temp.DisposeAsync().AsTask();

    [Fact]
    public async Task Handle_SameChangeDeliveredTwice_CountsOnce()
    {
        var change = await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0), ("m2", 0), ("a1", 1));

        await _handler.HandleAsync([change], CancellationToken.None);
        var first = await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1"));
        var state1 = await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1"));
        await _handler.HandleAsync([change, change], CancellationToken.None);

        Assert.Equal(first!.ETag, (await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1")))!.ETag);
        Assert.Equal(state1!.ETag, (await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")))!.ETag);
        Assert.Equal((1, 0), (first.Value.Attempts, first.Value.Correct));
        var state = (await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")))!.Value;
        Assert.Single(state.Contributions);
        Assert.Single(await _store.QueryAsync(Tenant, Containers.Responses, DocumentQuery.InPartition("maths")));
        Assert.Equal(3, (await AnswersAsync()).Count);
    }

    [Fact]
    public async Task Handle_RedeliveredAfterTheResponsesWriteButBeforeTheLearnerState_CountsNothingTwice()
    {
        var change = await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0), ("m2", 1), ("a1", 1));
        await _handler.HandleAsync([change], CancellationToken.None);
        var stats = await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1"));
        var responses = await _store.GetAsync<SubmissionResponsesRecord>(Tenant, SubmissionResponsesRecord.IdFor("sub-1"), "maths");
        // The first delivery stopped after the statistics and the responses document: its learner state was never written.
        Assert.True(await _store.DeleteAsync(Tenant, Containers.LearnerState, LearnerStateRecord.IdFor("maths", "s1")));

        await _handler.HandleAsync([change], CancellationToken.None);

        // Each item's entry in the one document is its marker: counted already, so no statistic and no response is written again.
        Assert.Equal(stats!.ETag, (await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1")))!.ETag);
        Assert.Equal(responses!.ETag, (await _store.GetAsync<SubmissionResponsesRecord>(Tenant, SubmissionResponsesRecord.IdFor("sub-1"), "maths"))!.ETag);
        Assert.Equal((1, 0), (stats.Value.Attempts, stats.Value.Correct));
        Assert.Single((await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")))!.Value.Contributions);
    }

    [Fact]
    public async Task Handle_RegradeOfASubmissionStoredPerItemBeforeTheFold_CorrectsByTheDifference_AndItsFoldedDocumentWins()
    {
        await _handler.HandleAsync([await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0), ("m2", 0), ("a1", 1))], CancellationToken.None);
        await StoreAsBeforeTheFoldAsync("sub-1");

        await _handler.HandleAsync([await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 1), ("m2", 0), ("a1", 1))], CancellationToken.None);

        var regraded = await StatsAsync("m1");
        Assert.Equal((1, 1), (regraded.Attempts, regraded.Correct));
        Assert.Equal(-0.5, regraded.Difficulty, 10);
        Assert.Equal((1, 0), ((await StatsAsync("m2")).Attempts, (await StatsAsync("m2")).Correct));
        // The per-item documents stay (not rewritten); the folded document written by the regrade is what readers see.
        Assert.Equal(4, (await _store.QueryAsync(Tenant, Containers.Responses, DocumentQuery.InPartition("maths"))).Count);
        var answers = await AnswersAsync();
        Assert.Equal(["sub-1:a1", "sub-1:m1", "sub-1:m2"], answers.Select(a => a.Id));
        Assert.True(answers.Single(a => a.ItemId == "m1").Correct);
        Assert.All(answers, a => Assert.Equal(1.0, a.EloK));
    }

    [Fact]
    public async Task Handle_Regraded_ReplacesTheContribution_AndCorrectsItemStatsExactly()
    {
        await _handler.HandleAsync([await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0), ("m2", 0), ("a1", 1))], CancellationToken.None);
        var wrong = await StatsAsync("m1");

        await _handler.HandleAsync([await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 1), ("m2", 0), ("a1", 1))], CancellationToken.None);

        var regraded = await StatsAsync("m1");
        Assert.Equal((1, 1), (regraded.Attempts, regraded.Correct));
        // First answer: K = 1, p = 0.5; wrong moved d to +0.5, right would have moved it to −0.5; the regrade lands there.
        Assert.Equal(0.5, wrong.Difficulty, 10);
        Assert.Equal(-0.5, regraded.Difficulty, 10);
        var state = (await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")))!.Value;
        Assert.True(Assert.Single(state.Contributions).Items.Single(i => i.ItemId == "m1").Correct);
        var response = (await AnswersAsync()).Single(r => r.Id == ResponseRecord.IdFor("sub-1", "m1"));
        Assert.True(response.Correct);
    }

    [Fact]
    public async Task Handle_TwoSubmissions_BothCount()
    {
        await _handler.HandleAsync([await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0))], CancellationToken.None);
        await _handler.HandleAsync([await SubmitAsync("sub-2", SubmissionStatus.Released, ("m1", 1))], CancellationToken.None);

        var stats = await StatsAsync("m1");
        Assert.Equal((2, 1), (stats.Attempts, stats.Correct));
        var mastery = Assert.Single((await _store.GetAsync<RecommendationRecord>(Tenant, "s1"))!.Value.Mastery);
        Assert.Equal((2, 1), (mastery.Attempts, mastery.Correct));
    }

    [Fact]
    public async Task Handle_GradedNotReleased_LearnsNothing_UntilReleased_ThenCountsOnce()
    {
        var graded = await SubmitAsync("sub-1", SubmissionStatus.Graded, ("m1", 0), ("m2", 0));
        await _handler.HandleAsync([graded, graded], CancellationToken.None);

        // Nothing a student can read may move with unreleased work: no learner state, no item statistics (they feed every
        // student's predicted success), no responses, no recommendations.
        Assert.Null(await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")));
        Assert.Null(await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1")));
        Assert.Empty(await _store.QueryAsync(Tenant, Containers.Responses, DocumentQuery.InPartition("maths")));
        Assert.Null(await _store.GetAsync<RecommendationRecord>(Tenant, "s1"));

        var released = await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0), ("m2", 0));
        await _handler.HandleAsync([released], CancellationToken.None);
        var stats = await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1"));
        await _handler.HandleAsync([released], CancellationToken.None);

        Assert.Equal("multiplication", _cache.Get(Tenant, "s1")!.Items[0].Skill);
        Assert.Equal((1, 0), (stats!.Value.Attempts, stats.Value.Correct));
        Assert.Equal(stats.ETag, (await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1")))!.ETag);
    }

    [Fact]
    public async Task Handle_ReleasedWorkOfAnErasedStudent_IsDropped()
    {
        var change = await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0));
        await new ErasureMarkers(_store).MarkAsync(Tenant, "s1", new Caller(Tenant, "admin1", new HashSet<string> { "tenant-admin" }), Now, CancellationToken.None);

        await _handler.HandleAsync([change], CancellationToken.None);

        Assert.Null(await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")));
        Assert.Null(await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", "m1")));
        Assert.Null(await _store.GetAsync<RecommendationRecord>(Tenant, "s1"));
    }

    [Fact]
    public async Task Handle_ErasedSubmission_IsSkipped()
    {
        var change = await SubmitAsync("sub-1", SubmissionStatus.Released, ("m1", 0));
        Assert.True(await _store.DeleteAsync(Tenant, Containers.Submissions, "sub-1"));

        await _handler.HandleAsync([change], CancellationToken.None);

        Assert.Null(await _store.GetAsync<LearnerStateRecord>(Tenant, LearnerStateRecord.IdFor("maths", "s1")));
    }

    [Fact]
    public void ContributionOf_PartialCredit_RightAtTheThreshold()
    {
        var submission = Submission("sub-1", SubmissionStatus.Graded, ("m1", 0.5m), ("m2", 0.49m));
        var assessment = new Assessment("times", "maths", "Times", Now, 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null),
            [Item("m1", "multiplication"), Item("m2", "multiplication")]);

        var outcome = LearnerStateHandler.ContributionOf(submission, assessment, 0.5m);

        Assert.Equal([true, false], outcome.Items.Select(i => i.Correct));
    }

    private async Task<StoredDocument> SubmitAsync(string id, SubmissionStatus status, params (string ItemId, decimal Score)[] scores)
    {
        await _store.ReplaceAsync(Tenant, Submission(id, status, scores), null);
        return (await _store.GetAsync(Tenant, Containers.Submissions, id))!;
    }

    private static SubmissionRecord Submission(string id, SubmissionStatus status, params (string ItemId, decimal Score)[] scores) =>
        new(id, "times", 1, "maths", "s1", [], Now.AddMinutes(-5), false, status, scores.Length,
            ItemScores: [.. scores.Select(s => new ItemScore(s.ItemId, s.Score, 1))], Score: scores.Sum(s => s.Score));

    private Task<IReadOnlyList<ResponseRecord>> AnswersAsync() => StoredResponses.InCourseAsync(_store, Tenant, "maths", CancellationToken.None);

    /// <summary>Replaces the submission's folded document by the per-item documents a store written before the fold holds.</summary>
    private async Task StoreAsBeforeTheFoldAsync(string submissionId)
    {
        var folded = (await _store.GetAsync<SubmissionResponsesRecord>(Tenant, SubmissionResponsesRecord.IdFor(submissionId), "maths"))!.Value;
        Assert.True(await _store.DeleteAsync(Tenant, Containers.Responses, folded.Id));
        foreach (var response in folded.Expand())
        {
            await _store.CreateAsync(Tenant, response);
        }
    }

    private async Task<ItemStatsRecord> StatsAsync(string itemId) =>
        (await _store.GetAsync<ItemStatsRecord>(Tenant, ItemStatsRecord.IdFor("times", itemId)))!.Value;

    private static AssessmentItem Item(string id, string skill) => new(id, "numeric", "?", null, null, null, 1, [skill]);
}
