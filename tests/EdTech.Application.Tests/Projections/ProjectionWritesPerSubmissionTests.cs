using EdTech.Application.Analytics;
using System.Text.Json.Nodes;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Learning;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Usage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Submissions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EdTech.Application.Tests.Projections;

/// <summary>
/// Store writes per submission of each change-feed handler that reads the submissions container, for an exam burst: 20 students
/// submit (accepted), 5 of them a second attempt, then each submission is graded and released (immediate policy) in one write,
/// so the feed holds two changes per submission. Handed over one change per batch, or all as one batch (the pump's catch-up
/// batch). The handlers that fold a batch must leave exactly the documents the single changes leave. docs/projections.md
/// records the figures this prints.
/// </summary>
public sealed class ProjectionWritesPerSubmissionTests(ITestOutputHelper output)
{
    private const int Students = 20;
    private const int SecondAttempts = 5;
    private const int Submissions = Students + SecondAttempts;
    private static readonly string[] Items = ["q1", "q2", "q3"];
    private static readonly DateTimeOffset Received = DateTimeOffset.Parse("2026-06-01T09:00:00Z", null);

    public static TheoryData<string, double> Handlers => new()
    {
        // handler, the most store writes per submission it may make in one batch
        { ChangeFeedCatalog.SubmissionProjection.Name, 2 },
        { ChangeFeedCatalog.ReviewQueueProjection.Name, 0 },
        { ChangeFeedCatalog.AssessmentStatisticsProjection.Name, 1 },
        // The responses (one document for its 3 answers), the learner state and the recommendations per submission, the 3 item
        // statistics once per batch.
        { ChangeFeedCatalog.LearnerState.Name, 3 + (3.0 / Submissions) },
        { ChangeFeedCatalog.UsageOnSubmissions.Name, 2 },
        // The course's item × section sums, once per batch (recomputed, or marked stale within the minute).
        { ChangeFeedCatalog.AnalyticsItemsOnSubmissions.Name, 1.0 / Submissions },
        // Each student's weeks once per batch when their mastery changed, and the course's weekly sums once (here, run alone, no
        // learner state was written, so nothing changes: the composite test below runs it after the learner-state part).
        { ChangeFeedCatalog.AnalyticsWeeksOnSubmissions.Name, (Students + 1.0) / Submissions },
    };

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task ExamBurst_OneBatch_WritesAtMostItsShare_AndLeavesWhatSingleChangesLeave(string handler, double maxPerSubmission)
    {
        var (singles, singlesLeft) = await MeasureAsync(handler, oneBatch: false);
        var (batch, batchLeft) = await MeasureAsync(handler, oneBatch: true);

        output.WriteLine($"{handler}: one change per batch {Describe(singles)}; one batch of {2 * Submissions} changes {Describe(batch)}");
        Assert.True((double)batch.AllWrites / Submissions <= maxPerSubmission, $"{handler}: {Describe(batch)} in one batch");
        if (handler == ChangeFeedCatalog.LearnerState.Name)
        {
            Assert.Equal(Items.Length, batch.Writes(Containers.ItemStats)); // each item's statistics once per batch
            Assert.Equal(Submissions, batch.Writes(Containers.Responses)); // one responses document per submission, not one per item
            Assert.Equal(Submissions, singles.Writes(Containers.Responses));
        }

        if (handler != ChangeFeedCatalog.UsageOnSubmissions.Name && handler != ChangeFeedCatalog.AnalyticsItemsOnSubmissions.Name
            && handler != ChangeFeedCatalog.AnalyticsWeeksOnSubmissions.Name)
        {
            // Usage and the item × section sums are left as they were: today's course summary and the course's sums are recomputed
            // at most once a minute by design, so the single changes leave them marked stale where one batch leaves them fresh.
            Assert.Equal(singlesLeft.Keys, batchLeft.Keys);
            foreach (var (container, documents) in singlesLeft)
            {
                Assert.Equal(documents, batchLeft[container]);
            }
        }
    }

    [Fact]
    public async Task SubmissionInsights_TheBurstDeliveredTwice_WritesNothingTheSecondTime_ButTheSumsStaleMark()
    {
        var world = new ProjectionWorld();
        await world.InitializeAsync();
        try
        {
            var (_, changes) = await WriteBurstAsync(world);
            var counting = new CountingStore(world.Store);
            var insights = new SubmissionInsights(
                (SubmissionProjection)Create(ChangeFeedCatalog.SubmissionProjection.Name, counting, world),
                (ReviewQueueProjection)Create(ChangeFeedCatalog.ReviewQueueProjection.Name, counting, world),
                (AssessmentStatisticsProjection)Create(ChangeFeedCatalog.AssessmentStatisticsProjection.Name, counting, world),
                (LearnerStateHandler)Create(ChangeFeedCatalog.LearnerState.Name, counting, world),
                (UsageProjection)Projection(ChangeFeedCatalog.UsageOnSubmissions, counting, world),
                (AnalyticsItemsProjection)Projection(ChangeFeedCatalog.AnalyticsItemsOnSubmissions, counting, world),
                (AnalyticsWeeksProjection)Projection(ChangeFeedCatalog.AnalyticsWeeksOnSubmissions, counting, world));
            var delivery = new ChangeFeedDelivery(counting, ChangeFeedRetryOptions.Default, [], new FixedClock(Received.AddHours(1)), NullLogger<ChangeFeedDelivery>.Instance);

            await delivery.DeliverAsync(insights, changes, default);
            var first = counting.AllWrites;
            var sumsFirst = counting.Writes(Containers.CourseAnalyticsItems);
            // The weekly part runs after the learner-state part of the same delivery: each student's weeks from the state just written.
            Assert.Equal(Students, counting.Writes(Containers.AnalyticsStudentWeeks));
            await delivery.DeliverAsync(insights, changes, default);

            Assert.True(first >= Submissions, $"{first} writes for {Submissions} submissions");
            // The one write the second delivery makes: the course's item × section sums marked stale (within the minute after
            // their recomputation), since that part cannot tell a redelivery from new attempts without reading every
            // contribution; the sums a read computes are the same.
            Assert.Equal((1, 1), (sumsFirst, counting.Writes(Containers.CourseAnalyticsItems) - sumsFirst));
            Assert.Equal(first + 1, counting.AllWrites);
            Assert.Equal(0, counting.Writes(Containers.Poison));
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    /// <summary>The burst: every submission stored as accepted, then each graded and released in one write; the changes in feed order.</summary>
    private static async Task<(List<(string Id, string User, DateTimeOffset At)> Submissions, List<StoredDocument> Changes)> WriteBurstAsync(ProjectionWorld world)
    {
        await world.Store.CreateAsync(ProjectionWorld.Tenant, Assessment());
        var submissions = Enumerable.Range(0, Students).Select(i => (Id: $"sub{i}", User: $"s{i}", At: Received.AddSeconds(i)))
            .Concat(Enumerable.Range(0, SecondAttempts).Select(i => (Id: $"sub{i}b", User: $"s{i}", At: Received.AddMinutes(5).AddSeconds(i))))
            .ToList();
        var changes = new List<StoredDocument>();
        foreach (var (id, user, at) in submissions)
        {
            changes.Add(await world.WriteAsync(ProjectionWorld.Submission(id, SubmissionStatus.Accepted, userId: user) with { ReceivedAt = at }));
        }

        foreach (var ((id, user, at), i) in submissions.Select((s, i) => (s, i)))
        {
            var scores = Items.Select((item, n) => new ItemScore(item, (i + n) % 3 == 0 ? 0 : 1, 1)).ToArray();
            changes.Add(await world.WriteAsync(ProjectionWorld.Submission(id, SubmissionStatus.Released, scores.Sum(s => s.Score), user, scores) with { ReceivedAt = at }));
        }

        return (submissions, changes);
    }

    private static string Describe(CountingStore store) =>
        $"{(double)store.AllWrites / Submissions:0.##} writes/submission ({string.Join(", ", store.ByContainer.Select(c => $"{c.Key} {c.Value}"))})";

    private static async Task<(CountingStore Writes, Dictionary<string, List<string>> Left)> MeasureAsync(string handlerName, bool oneBatch)
    {
        var world = new ProjectionWorld();
        await world.InitializeAsync();
        try
        {
            var (submissions, changes) = await WriteBurstAsync(world);
            var counting = new CountingStore(world.Store);
            var handler = Create(handlerName, counting, world);
            if (oneBatch)
            {
                await handler.HandleAsync(changes, default);
            }
            else
            {
                foreach (var change in changes)
                {
                    await handler.HandleAsync([change], default);
                }
            }

            if (handlerName == ChangeFeedCatalog.LearnerState.Name && !oneBatch)
            {
                // Recommendations are rebuilt on the difficulties of the moment: one change at a time, an early student's are from before
                // the later answers, while one batch rebuilds every student's once, on all of them. Rebuilt now (not counted), both agree.
                var clock = new FixedClock(Received.AddHours(1));
                var builder = new RecommendationBuilder(world.Store, new RecommendationCache(clock, LearningOptions.Default), LearningOptions.Default, clock);
                foreach (var user in submissions.Select(s => s.User).Distinct())
                {
                    await builder.RebuildAsync(ProjectionWorld.Tenant, user, default);
                }
            }

            var left = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var container in counting.ByContainer.Keys)
            {
                left[container] = [.. (await world.Store.QueryAsync(ProjectionWorld.Tenant, container, DocumentQuery.All)).Select(d => $"{d.Id}: {Normalized(d.Json)}")];
            }

            return (counting, left);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    /// <summary>The JSON with doubles rounded to 12 digits: the same Elo steps in the same order give the same numbers.</summary>
    private static string Normalized(string json) => Round(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Round(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = Round(o[key]?.DeepClone());
                }

                return o;
            case JsonArray a:
                return new JsonArray([.. a.Select(e => Round(e?.DeepClone()))]);
            case JsonValue v when v.TryGetValue<double>(out var d) && d != Math.Round(d):
                return JsonValue.Create(Math.Round(d, 12));
            default:
                return node;
        }
    }

    private static IChangeFeedHandler Create(string name, IDocumentStore store, ProjectionWorld world)
    {
        var clock = new FixedClock(Received.AddHours(1));
        return name switch
        {
            _ when name == ChangeFeedCatalog.SubmissionProjection.Name => new SubmissionProjection(store, world.Cache),
            _ when name == ChangeFeedCatalog.ReviewQueueProjection.Name => new ReviewQueueProjection(store, world.Cache),
            _ when name == ChangeFeedCatalog.AssessmentStatisticsProjection.Name => new AssessmentStatisticsProjection(store, world.Cache),
            _ when name == ChangeFeedCatalog.LearnerState.Name => new LearnerStateHandler(store,
                new RecommendationBuilder(store, new RecommendationCache(clock, LearningOptions.Default), LearningOptions.Default, clock), LearningOptions.Default,
                new ErasureMarkers(store), clock, NullLogger<LearnerStateHandler>.Instance),
            _ => ChangeFeedCatalog.SubmissionInsights.Parts.FirstOrDefault(p => p.Name == name) is { } part
                ? new ChangeFeedPart(part, Projection(part, store, world))
                : throw new ArgumentOutOfRangeException(nameof(name), name, "not a handler of the submissions container"),
        };
    }

    /// <summary>The projection serving a part of submission-insights that other containers feed too (a <see cref="ChangeFeedPart"/>).</summary>
    private static IChangeFeedHandler Projection(ChangeFeedConsumer part, IDocumentStore store, ProjectionWorld world)
    {
        var clock = new FixedClock(Received.AddHours(1));
        return part.Name switch
        {
            _ when part == ChangeFeedCatalog.UsageOnSubmissions => new UsageProjection(store, new TenantTimeZones(store, clock), clock),
            _ when part == ChangeFeedCatalog.AnalyticsItemsOnSubmissions => new AnalyticsItemsProjection(store, world.Cache, clock),
            _ when part == ChangeFeedCatalog.AnalyticsWeeksOnSubmissions => new AnalyticsWeeksProjection(store, clock),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part.Name, "not a part served by another consumer's projection"),
        };
    }

    private static AssessmentRecord Assessment()
    {
        var items = Items.Select(id => new AssessmentItem(id, "numeric", "?", null, null, null, 1, ["skill-" + id])).ToArray();
        var assessment = new Assessment("quiz1", "math101", "Quiz", Received.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
        return new AssessmentRecord("quiz1", "math101", 1, assessment, "t1", Received.AddDays(-30));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
