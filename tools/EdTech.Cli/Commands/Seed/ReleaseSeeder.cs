using System.Diagnostics;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;

namespace EdTech.Cli.Commands.Seed;

public sealed record ReleaseSeedOptions(string DataDirectory, string Tenant, int Submissions);

public sealed record ReleaseSeedResult(string Tenant, string CourseId, string AssessmentId, string TeacherId, int Submissions, double Seconds, int CheckpointsAdvanced);

/// <summary>
/// Writes N graded, unreleased submissions of one manual-release assessment straight into a LocalHost data
/// folder through the Infrastructure store (HTTP seeding would take far longer at 100k). The host must be
/// stopped: the file has one writer. Each submission also gets its initial student view, as intake writes it.
/// Change-feed consumers that were caught up before seeding are moved past the seeded changes, so the host's
/// start does not re-project 100k documents that are already consistent (no gradebook rows: the synthetic
/// students are not enrolled).
/// </summary>
public static class ReleaseSeeder
{
    public const string CourseId = "bench";
    public const string AssessmentId = "release-bench";
    public const string TeacherId = "t1";
    public const decimal MaxScore = 2;

    /// <summary>
    /// The change-feed consumers whose checkpoints the seeder moves past its writes (names from ChangeFeedCatalog); one missing here
    /// only costs start-up work. <c>submission-insights</c> (the views, then statistics, learner state, usage: in a real term they
    /// project graded work long before its release) since 2026-12-08, when the views became its first part; before, its parts
    /// projected the seeded submissions beside the release.
    /// </summary>
    public static IReadOnlyList<string> Consumers { get; } =
        [ChangeFeedCatalog.SubmissionInsights.Name, ChangeFeedCatalog.StartGrading.Name, ChangeFeedCatalog.NotificationDispatch.Name];

    public static string StudentId(int i) => $"u{i:D6}";

    public static string SubmissionId(int i) => $"s-bench-{i:D6}";

    public static decimal ExpectedScore(int i) => i % 2 == 0 ? MaxScore : 0;

    public static async Task<ReleaseSeedResult> RunAsync(ReleaseSeedOptions options, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var store = SqliteDocumentStore.Open(new SqliteStoreOptions(Path.Combine(options.DataDirectory, "edtech.db")));
        var caughtUp = new List<string>();
        foreach (var consumer in Consumers)
        {
            if ((await store.ReadAsync(await store.GetCheckpointAsync(consumer, ct), 1, ct)).Count == 0)
            {
                caughtUp.Add(consumer);
            }
        }

        var tenant = new TenantId(options.Tenant);
        var now = DateTimeOffset.UtcNow;
        await store.CreateAsync(TenantId.Platform, new TenantRecord(options.Tenant, "Release benchmark", "UTC", TenantStatus.Active, now), ct);
        await store.CreateAsync(tenant, new UserRecord(TeacherId, "Teacher", "t1@bench.example", [Roles.Teacher], now), ct);
        await store.CreateAsync(tenant, new CourseRecord(CourseId, "Benchmark", now), ct);
        await store.CreateAsync(tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(CourseId, TeacherId), CourseId, TeacherId, Roles.Teacher, now), ct);
        var assessment = new Assessment(AssessmentId, CourseId, "Release benchmark", now.AddHours(-1), 0, null, null, new ReleasePolicy(ReleasePolicy.Manual, null),
            [new AssessmentItem("q1", ItemType.SingleChoice, "2+2?", ["3", "4"], AnswerValue.OfText("4"), null, MaxScore, ["arithmetic"])]);
        await store.CreateAsync(tenant, new AssessmentRecord(AssessmentId, CourseId, 1, assessment, TeacherId, now), ct);

        long last = 0;
        const int Window = 2000;
        for (var from = 0; from < options.Submissions; from += Window)
        {
            var writes = Enumerable.Range(from, Math.Min(Window, options.Submissions - from)).SelectMany(i => WritesFor(store, tenant, i, now, ct));
            var results = await Task.WhenAll(writes);
            last = Math.Max(last, results.Max(r => r.Document?.Sequence ?? 0));
        }

        foreach (var consumer in caughtUp)
        {
            await store.SaveCheckpointAsync(consumer, last, ct);
        }

        return new ReleaseSeedResult(options.Tenant, CourseId, AssessmentId, TeacherId, options.Submissions, Stopwatch.GetElapsedTime(started).TotalSeconds, caughtUp.Count);
    }

    private static IEnumerable<Task<WriteResult>> WritesFor(SqliteDocumentStore store, TenantId tenant, int i, DateTimeOffset now, CancellationToken ct)
    {
        var score = ExpectedScore(i);
        var submission = new SubmissionRecord(SubmissionId(i), AssessmentId, 1, CourseId, StudentId(i), [new SubmittedAnswer("q1", AnswerValue.OfText(score > 0 ? "4" : "3"))],
            now.AddMinutes(-30), false, SubmissionStatus.Graded, MaxScore, ItemScores: [new ItemScore("q1", score, MaxScore)],
            RawScore: score, Score: score, GradedAt: now.AddMinutes(-29));
        var view = new SubmissionViewRecord(submission.Id, AssessmentId, CourseId, submission.UserId, SubmissionStatus.Graded, false, submission.ReceivedAt, MaxScore, submission.Score, 0);
        yield return Write(store, tenant, submission, ct);
        yield return Write(store, tenant, view, ct);
    }

    private static Task<WriteResult> Write<T>(SqliteDocumentStore store, TenantId tenant, T record, CancellationToken ct)
        where T : class, IStoredRecord =>
        store.CreateAsync(tenant, T.Container, record.Id, record.PartitionKey, TypedDocumentStore.Serialize(record), ct);
}
