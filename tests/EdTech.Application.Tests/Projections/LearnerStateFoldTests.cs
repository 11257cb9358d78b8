using EdTech.Application.Learning;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Projections;

/// <summary>
/// The learner-state handler's batch fold: one write per item statistic, one responses document per submission, and a lost ETag
/// race replays the batch's steps.
/// </summary>
public sealed class LearnerStateFoldTests
{
    private static readonly string[] Items = ["q1", "q2", "q3", "q4"];
    private static readonly DateTimeOffset Received = DateTimeOffset.Parse("2026-06-01T09:00:00Z", null);

    [Fact]
    public async Task ExamBatch_OfOneAssessment_WritesEachItemStatisticOnce()
    {
        await using var world = await WorldAsync();
        var changes = new List<StoredDocument>();
        for (var i = 0; i < 12; i++)
        {
            changes.Add(await world.WriteAsync(Released($"sub{i}", $"s{i}", i)));
        }

        var counting = new CountingStore(world.Store);
        await Handler(counting).HandleAsync(changes, default);

        Assert.Equal(Items.Length, counting.Writes(Containers.ItemStats));
        Assert.Equal(12, counting.Writes(Containers.Responses)); // one document per submission, not one per item
        Assert.All(Items, item => Assert.Equal(12, Stats(world, item).Result.Attempts));
    }

    [Fact]
    public async Task AutoGradedFourItemSubmission_WritesOneResponsesDocument_HoldingEachScoredAnswer()
    {
        await using var world = await WorldAsync();
        var change = await world.WriteAsync(Released("sub-1", "s1", 0));
        var counting = new CountingStore(world.Store);

        await Handler(counting).HandleAsync([change], default);

        Assert.Equal(1, counting.Writes(Containers.Responses));
        var stored = Assert.Single(await world.Store.QueryAsync(ProjectionWorld.Tenant, Containers.Responses, DocumentQuery.InPartition("math101")));
        Assert.Equal(SubmissionResponsesRecord.IdFor("sub-1"), stored.Id);
        var answers = await StoredResponses.InCourseAsync(world.Store, ProjectionWorld.Tenant, "math101", default);
        Assert.Equal(Items.Select(i => ResponseRecord.IdFor("sub-1", i)), answers.Select(a => a.Id));
        Assert.All(answers, a => Assert.Equal((1.0, "s1"), (a.EloK, a.UserId))); // each item's first answer: K = 1
    }

    [Fact]
    public async Task ItemStatisticChangedByAnotherBatchBeforeTheWrite_IsReadAgainAndReplayed_AsIfTheBatchesRanOneAfterTheOther()
    {
        await using var racing = await WorldAsync();
        var mine = await racing.WriteAsync(Released("sub-a", "a", 0));
        var theirs = await racing.WriteAsync(Released("sub-b", "b", 1));
        // Their whole batch runs between my reads and my first statistics write: every statistic I read is stale by then.
        var store = new BeforeFirstWrite(racing.Store, Containers.ItemStats, () => Handler(racing.Store).HandleAsync([theirs], default));
        await Handler(store).HandleAsync([mine], default);

        await using var oneAfterTheOther = await WorldAsync();
        var theirsFirst = await oneAfterTheOther.WriteAsync(Released("sub-a", "a", 0));
        await Handler(oneAfterTheOther.Store).HandleAsync([await oneAfterTheOther.WriteAsync(Released("sub-b", "b", 1))], default);
        await Handler(oneAfterTheOther.Store).HandleAsync([theirsFirst], default);

        foreach (var item in Items)
        {
            var (raced, sequential) = (await Stats(racing, item), await Stats(oneAfterTheOther, item));
            Assert.Equal(2, raced.Attempts);
            Assert.Equal((sequential.Attempts, sequential.Correct), (raced.Attempts, raced.Correct));
            Assert.Equal(sequential.Difficulty, raced.Difficulty, 12);
            // My response carries the K of the step that was written: the second attempt's, not the first's I computed before the race.
            Assert.Equal(await EloKAsync(oneAfterTheOther, "sub-a", item), await EloKAsync(racing, "sub-a", item));
        }
    }

    private static async Task<double?> EloKAsync(World world, string submission, string item) =>
        (await StoredResponses.InCourseAsync(world.Store, ProjectionWorld.Tenant, "math101", default)).Single(r => r.Id == ResponseRecord.IdFor(submission, item)).EloK;

    private static async Task<ItemStatsRecord> Stats(World world, string item) =>
        (await world.Store.GetAsync<ItemStatsRecord>(ProjectionWorld.Tenant, ItemStatsRecord.IdFor("quiz1", item), "math101"))!.Value;

    private static SubmissionRecord Released(string id, string user, int seed)
    {
        var scores = Items.Select((item, n) => new ItemScore(item, (seed + n) % 2, 1)).ToArray();
        return ProjectionWorld.Submission(id, SubmissionStatus.Released, scores.Sum(s => s.Score), user, scores) with { ReceivedAt = Received };
    }

    private static LearnerStateHandler Handler(IDocumentStore store)
    {
        var clock = TimeProvider.System;
        return new LearnerStateHandler(store, new RecommendationBuilder(store, new RecommendationCache(clock, LearningOptions.Default), LearningOptions.Default, clock),
            LearningOptions.Default, new ErasureMarkers(store), clock, NullLogger<LearnerStateHandler>.Instance);
    }

    private static async Task<World> WorldAsync()
    {
        var world = new World();
        await world.InitializeAsync();
        var items = Items.Select(id => new AssessmentItem(id, "numeric", "?", null, null, null, 1, ["skill-" + id])).ToArray();
        var assessment = new Assessment("quiz1", "math101", "Quiz", Received.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
        await world.Store.CreateAsync(ProjectionWorld.Tenant, new AssessmentRecord("quiz1", "math101", 1, assessment, "t1", Received.AddDays(-30)));
        return world;
    }

    /// <summary>Runs <paramref name="interleave"/> once, just before the first write (create or replace) to <paramref name="container"/>.</summary>
    private sealed class BeforeFirstWrite(IDocumentStore inner, string container, Func<Task> interleave) : IDocumentStore
    {
        private Func<Task>? _pending = interleave;

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync(tenant, container, id, cancellationToken);

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) =>
            inner.GetAsync(tenant, container, id, partition, cancellationToken);

        public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
        {
            await InterleaveAsync(container);
            return await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
        }

        public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
        {
            await InterleaveAsync(container);
            return await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
        }

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(tenant, container, query, cancellationToken);

        private async Task InterleaveAsync(string written)
        {
            if (written == container && Interlocked.Exchange(ref _pending, null) is { } run)
            {
                await run();
            }
        }
    }

    /// <summary>A <see cref="ProjectionWorld"/> for <c>await using</c>.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly ProjectionWorld _world = new();

        public IDocumentStore Store => _world.Store;

        public Task InitializeAsync() => _world.InitializeAsync();

        public Task<StoredDocument> WriteAsync(SubmissionRecord submission) => _world.WriteAsync(submission);

        public async ValueTask DisposeAsync() => await _world.DisposeAsync();
    }
}
