using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Grading;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// One grading batch (the GradeBatch activity's body) on the real store: each submission graded exactly as alone, released when
/// due, left for review when manual items remain; idempotent per submission; an erased student's submission dropped alone.
/// </summary>
public sealed class SubmissionGraderBatchTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task GradeBatch_ImmediateManualAndEssay_ReleasesGradesAndLeavesForReview_InInputOrder()
    {
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddAssessmentAsync("manual", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddAssessmentAsync(GradingWorld.Quiz("essay", GradingWorld.Policy(ReleasePolicy.Immediate), essay: true));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "immediate", SubmissionStatus.Accepted, user: "u1"));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-2", "manual", SubmissionStatus.Accepted, user: "u2", q1: "b"));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-3", "essay", SubmissionStatus.Accepted, user: "u3"));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-4", "immediate", SubmissionStatus.Accepted, user: "u4", q2: 1));

        var results = await _world.Grader().GradeBatchAsync(GradingWorld.Tenant, ["s-1", "s-2", "s-3", "s-4", "gone"], default);

        Assert.Equal(
            [new GradingResult("s-1", SubmissionStatus.Released, 5, 5), new GradingResult("s-2", SubmissionStatus.Graded, 3, 5),
             new GradingResult("s-3", SubmissionStatus.AwaitingReview, null, 5), new GradingResult("s-4", SubmissionStatus.Released, 2, 5), GradingResult.Erased("gone")],
            results);
        Assert.Equal((SubmissionStatus.Released, 2m), ((await _world.SubmissionAsync("s-4")).Status, (await _world.SubmissionAsync("s-4")).Score));
        // Exactly what four single steps write: one grade entry each, a release entry and notification per released one (a
        // released one's two entries in one document).
        var audit = await _world.AllAsync<AuditEntry>();
        Assert.Equal(
            ["s-1:auto-grade", "s-1:release", "s-2:auto-grade", "s-3:auto-grade", "s-4:auto-grade", "s-4:release"],
            AuditFolds.Expand(audit).Select(e => e.Id));
        Assert.Equal(4, audit.Count);
        Assert.Equal(["results-released:s-1", "results-released:s-4"], (await _world.NotificationsAsync()).Select(n => n.Id).Order(StringComparer.Ordinal));
        // Each carried by its submission's integration event document, none stored alone.
        Assert.Empty(await _world.AllAsync<NotificationRecord>());
    }

    [Fact]
    public async Task GradeBatch_RunTwice_WritesNothingTheSecondTime()
    {
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        foreach (var id in new[] { "s-1", "s-2", "s-3" })
        {
            await _world.AddSubmissionAsync(GradingWorld.Submission(id, "immediate", SubmissionStatus.Accepted, user: "u" + id));
        }

        await _world.Grader().GradeBatchAsync(GradingWorld.Tenant, ["s-1", "s-2", "s-3"], default);
        var first = await SnapshotAsync();

        // A redelivered batch (here cut differently, in another order) finds every submission released: it writes nothing.
        var again = await _world.Grader().GradeBatchAsync(GradingWorld.Tenant, ["s-3", "s-1", "s-2"], default);

        Assert.All(again, r => Assert.Equal(SubmissionStatus.Released, r.Status));
        Assert.Equal(first, await SnapshotAsync());
        Assert.Equal((6, 3, 6), (first.Audit.Count, first.Notifications.Count, first.Events.Count));
        // Stored in 3 audit and 3 outbox documents: each released submission's two entries and two events fold into one, which
        // also carries its notification.
        Assert.Equal((3, 3), ((await _world.AllAsync<AuditEntry>()).Count, (await _world.AllAsync<IntegrationEventRecord>()).Count));
    }

    [Fact]
    public async Task GradeBatch_OneStudentErased_DropsOnlyThatSubmission()
    {
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "immediate", SubmissionStatus.Accepted, user: "erased-1"));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-2", "immediate", SubmissionStatus.Accepted, user: "kept-2"));
        var admin = new Caller(GradingWorld.Tenant, "admin1", new HashSet<string> { "tenant-admin" });
        await new ErasureMarkers(_world.Store).MarkAsync(GradingWorld.Tenant, "erased-1", admin, GradingWorld.Now, default);

        var results = await _world.Grader(new ErasureGuardedStore(_world.Store)).GradeBatchAsync(GradingWorld.Tenant, ["s-1", "s-2"], default);

        Assert.Equal([GradingResult.Erased("s-1"), new GradingResult("s-2", SubmissionStatus.Released, 5, 5)], results);
        Assert.Equal(SubmissionStatus.Accepted, (await _world.SubmissionAsync("s-1")).Status);
        Assert.DoesNotContain(await _world.NotificationsAsync(), n => n.RecipientId == "erased-1");
        _world.Logs.AssertLogged("Submission s-1: its student was erased during the step; dropped");
    }

    [Fact]
    public async Task GradeBatch_OneAssessmentMissing_FailsTheStepForItsRetry_TheOthersAreGradedAnyway()
    {
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "immediate", SubmissionStatus.Accepted, user: "u1"));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-bad", "quiz-x", SubmissionStatus.Accepted, user: "u2"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _world.Grader().GradeBatchAsync(GradingWorld.Tenant, ["s-1", "s-bad"], default));

        Assert.Contains("quiz-x of submission s-bad", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Released, (await _world.SubmissionAsync("s-1")).Status);
    }

    /// <summary>Everything grading writes, as comparable text (records with their creation times and the submissions' ETag-relevant state).</summary>
    private async Task<Snapshot> SnapshotAsync() => new(
        [.. AuditFolds.Expand(await _world.AllAsync<AuditEntry>()).Select(e => $"{e.Id}@{e.At:o}")],
        [.. (await _world.NotificationsAsync()).Select(e => $"{e.Id}@{e.CreatedAt:o}").Order(StringComparer.Ordinal)],
        [.. (await _world.AllAsync<IntegrationEventRecord>()).SelectMany(IntegrationEventFolds.Expand).Select(e => e.Id).Order(StringComparer.Ordinal)],
        [.. (await _world.AllAsync<SubmissionRecord>()).Select(s => $"{s.Id}:{s.Status}:{s.Score}:{s.ReleasedAt:o}").Order(StringComparer.Ordinal)]);

    private sealed record Snapshot(IReadOnlyList<string> Audit, IReadOnlyList<string> Notifications, IReadOnlyList<string> Events, IReadOnlyList<string> Submissions)
    {
        public override string ToString() => string.Join(" | ", Audit.Concat(Notifications).Concat(Events).Concat(Submissions));

        public bool Equals(Snapshot? other) => other is not null && ToString() == other.ToString();

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
    }
}
