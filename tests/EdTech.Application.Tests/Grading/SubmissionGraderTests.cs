using EdTech.Domain.Serialization;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Grading;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// The grading steps on the real store: what a grade writes (and writes ahead), when it releases in the same write, the
/// catch-up to a newer answer key, erased submissions and students, and the release of graded work page by page.
/// </summary>
public sealed class SubmissionGraderTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task AutoGrade_Accepted_ManualPolicy_GradesAndAuditsWithoutReleasing()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "quiz1", SubmissionStatus.Accepted, q1: "b"));

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Graded, 3, 5), result);
        var stored = await _world.SubmissionAsync("s-1");
        Assert.Equal((SubmissionStatus.Graded, 3m, 3m, GradingWorld.Now, 1, null), (stored.Status, stored.RawScore, stored.Score, stored.GradedAt, stored.GradedVersion, stored.ReleasedAt));
        Assert.Equal([new ItemScore("q1", 0, 2), new ItemScore("q2", 3, 3)], stored.ItemScores);
        Assert.Equal([GradeAudit.AutoGradeId("s-1")], (await _world.AllAsync<AuditEntry>()).Select(e => e.Id));
        Assert.Equal(["grade-changed:s-1:auto-grade"], (await _world.AllAsync<IntegrationEventRecord>()).Select(e => e.Id));
        Assert.Empty(await _world.NotificationsAsync());
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
        _world.Logs.AssertLogged("Graded s-1 in school-a: graded 3/5");
    }

    [Fact]
    public async Task AutoGrade_Late_ScoreIsTheRawScoreAfterThePenalty()
    {
        await _world.AddAssessmentAsync(GradingWorld.Quiz("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), late: new LatePolicy(10, 0)));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "quiz1", SubmissionStatus.Accepted, receivedAt: GradingWorld.Due.AddHours(1)));

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(4.5m, result.Score);
        Assert.Equal((5m, 4.5m), ((await _world.SubmissionAsync("s-1")).RawScore, (await _world.SubmissionAsync("s-1")).Score));
    }

    [Fact]
    public async Task AutoGrade_InGradingStatus_IsGradedToo()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Grading);

        Assert.Equal(SubmissionStatus.Graded, (await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default)).Status);
    }

    [Fact]
    public async Task AutoGrade_UnansweredItem_ScoresZeroForIt()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "quiz1", SubmissionStatus.Accepted) with { Answers = [new("q1", AnswerValue.OfText("a")), new("q2", null)] });

        Assert.Equal(2, (await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default)).Score);
    }

    [Fact]
    public async Task AutoGrade_EssayItem_AwaitsReviewWithoutScore_EvenUnderImmediateRelease()
    {
        await _world.AddAssessmentAsync(GradingWorld.Quiz("quiz1", GradingWorld.Policy(ReleasePolicy.Immediate), essay: true));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.AwaitingReview, null, 5), result);
        var stored = await _world.SubmissionAsync("s-1");
        Assert.Equal((SubmissionStatus.AwaitingReview, (decimal?)null, (decimal?)null, (DateTimeOffset?)null, 1), (stored.Status, stored.RawScore, stored.Score, stored.GradedAt, stored.GradedVersion));
        Assert.Equal([2m, 3m, null], stored.ItemScores!.Select(i => i.Score));
        Assert.Empty(await _world.NotificationsAsync());
    }

    [Fact]
    public async Task AutoGrade_ImmediatePolicy_ReleasesInTheSameWriteWithItsWriteAhead_WithoutAReleaseRecord()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Released, 5, 5), result);
        var stored = await _world.SubmissionAsync("s-1");
        Assert.Equal((SubmissionStatus.Released, GradingWorld.Now, GradingWorld.Now), (stored.Status, stored.GradedAt, stored.ReleasedAt));
        AssertReleaseWrittenAhead(await _world.AllAsync<AuditEntry>(), await _world.AllAsync<IntegrationEventRecord>(), await _world.AllAsync<NotificationRecord>());
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
    }

    [Fact]
    public async Task AutoGrade_AfterTheReleaseTimeBeforeTheReleaseRan_WritesTheReleaseRecordFirstAndReleases()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.AfterDue));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(SubmissionStatus.Released, result.Status);
        Assert.Equal(GradingWorld.Now, Assert.Single(await _world.AllAsync<AssessmentReleaseRecord>()).ReleasedAt);
    }

    [Fact]
    public async Task AutoGrade_AlreadyReleasedByTheTeacher_ReleasesWithoutAnotherRecord()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Due);
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);

        Assert.Equal(SubmissionStatus.Released, (await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default)).Status);
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
    }

    [Fact]
    public async Task AutoGrade_AlreadyGradedAtTheCurrentVersion_ChangesNothing()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "quiz1", SubmissionStatus.Graded, q1: "b") with { GradedVersion = 1 });
        var before = await _world.DocumentAsync(Containers.Submissions, "s-1");

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Graded, 5, 5), result);
        Assert.Equal(before.ETag, (await _world.DocumentAsync(Containers.Submissions, "s-1")).ETag);
        Assert.Empty(await _world.AllAsync<AuditEntry>());
    }

    [Fact]
    public async Task AutoGrade_GradedWithAnOlderAnswerKey_CatchesUpToTheCurrentVersion()
    {
        // Version 2 changed q1's key to "b": a submission graded at version 1 is regraded (a retry after a lost catch-up write).
        var v2 = GradingWorld.Quiz("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        v2 = v2 with { Items = [v2.Items[0] with { Answer = AnswerValue.OfText("b") }, v2.Items[1]] };
        await _world.AddAssessmentAsync(v2, version: 2);
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "quiz1", SubmissionStatus.Graded) with { GradedVersion = 1 });

        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Graded, 3, 5), result);
        var stored = await _world.SubmissionAsync("s-1");
        Assert.Equal((2, 3m), (stored.GradedVersion, stored.Score));
        Assert.Equal([GradeAudit.RegradeId("s-1", 2)], (await _world.AllAsync<AuditEntry>()).Select(e => e.Id));
        Assert.Equal(["grade-changed:s-1:regrade:v2"], (await _world.AllAsync<IntegrationEventRecord>()).Select(e => e.Id));
        _world.Logs.AssertLogged("Regraded s-1 in school-a to version 2 right after grading");
    }

    [Fact]
    public async Task AutoGrade_GradedWhoseAssessmentIsGone_ReturnsItUnchanged()
    {
        await _world.AddSubmissionAsync(GradingWorld.Submission("s-1", "gone", SubmissionStatus.Graded) with { GradedVersion = 1 });

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Graded, 5, 5), await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default));
        Assert.Empty(await _world.AllAsync<AuditEntry>());
    }

    [Fact]
    public async Task AutoGrade_SubmissionGone_IsErasedAndWritesNothing()
    {
        var result = await _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "gone", default);

        Assert.Equal(GradingResult.Erased("gone"), result);
        Assert.Empty(await _world.AllAsync<SubmissionRecord>());
        _world.Logs.AssertLogged("Submission gone in school-a is gone (erased); nothing to grade");
    }

    [Fact]
    public async Task AutoGrade_AssessmentMissing_FailsNamingIt()
    {
        await _world.AddSubmissionAsync("s-1", "quiz-x", SubmissionStatus.Accepted);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _world.Grader().AutoGradeAsync(GradingWorld.Tenant, "s-1", default));

        Assert.Contains("quiz-x of submission s-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoGrade_SubmissionChangedConcurrently_FailsWithAConflictForTheRetry()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _world.Grader(new ConcurrentEditStore(_world.Store, "s-1", edits: 1)).AutoGradeAsync(GradingWorld.Tenant, "s-1", default));

        Assert.Equal(SubmissionStatus.Accepted, (await _world.SubmissionAsync("s-1")).Status);
    }

    [Fact]
    public async Task AutoGrade_StudentErasedMeanwhile_IsErasedAndLeavesTheSubmissionUnwritten()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);
        var admin = new Caller(GradingWorld.Tenant, "admin1", new HashSet<string> { "tenant-admin" });
        await new ErasureMarkers(_world.Store).MarkAsync(GradingWorld.Tenant, "s1", admin, GradingWorld.Now, default);

        var result = await _world.Grader(new ErasureGuardedStore(_world.Store)).AutoGradeAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(GradingResult.Erased("s-1"), result);
        Assert.Equal(SubmissionStatus.Accepted, (await _world.SubmissionAsync("s-1")).Status);
        _world.Logs.AssertLogged("Submission s-1: its student was erased during the step; dropped");
    }

    [Fact]
    public async Task ReleaseIfDue_GradedOfAReleasedAssessment_ReleasesWithItsWriteAhead()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Due);
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);

        var result = await _world.Grader().ReleaseIfDueAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Released, 5, 5), result);
        Assert.Equal((SubmissionStatus.Released, GradingWorld.Now), ((await _world.SubmissionAsync("s-1")).Status, (await _world.SubmissionAsync("s-1")).ReleasedAt));
        AssertReleaseWrittenAhead(await _world.AllAsync<AuditEntry>(), await _world.AllAsync<IntegrationEventRecord>(), await _world.AllAsync<NotificationRecord>());
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
        _world.Logs.AssertLogged("Released s-1 in school-a");
    }

    [Fact]
    public async Task ReleaseIfDue_DueByTimeNotYetMarked_WritesTheReleaseRecordAndReleases()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.AfterDue));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);

        Assert.Equal(SubmissionStatus.Released, (await _world.Grader().ReleaseIfDueAsync(GradingWorld.Tenant, "s-1", default)).Status);
        Assert.Single(await _world.AllAsync<AssessmentReleaseRecord>());
    }

    [Fact]
    public async Task ReleaseIfDue_NotDue_KeepsItGradedAndWritesNothing()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);

        var result = await _world.Grader().ReleaseIfDueAsync(GradingWorld.Tenant, "s-1", default);

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Graded, 5, 5), result);
        Assert.Equal(SubmissionStatus.Graded, (await _world.SubmissionAsync("s-1")).Status);
        Assert.Empty(await _world.AllAsync<AuditEntry>());
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
    }

    [Fact]
    public async Task ReleaseIfDue_NotGradedOrAssessmentGone_LeavesItAsItIs()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-2", "gone", SubmissionStatus.Graded);
        var grader = _world.Grader();

        Assert.Equal(new GradingResult("s-1", SubmissionStatus.Accepted, null, 5), await grader.ReleaseIfDueAsync(GradingWorld.Tenant, "s-1", default));
        Assert.Equal(new GradingResult("s-2", SubmissionStatus.Graded, 5, 5), await grader.ReleaseIfDueAsync(GradingWorld.Tenant, "s-2", default));
        Assert.Equal(GradingResult.Erased("s-3"), await grader.ReleaseIfDueAsync(GradingWorld.Tenant, "s-3", default));
        Assert.Equal(SubmissionStatus.Accepted, (await _world.SubmissionAsync("s-1")).Status);
    }

    [Fact]
    public async Task ReleaseMany_CountsOnlyTheReleased()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Due);
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-2", "quiz1", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-3", "quiz1", SubmissionStatus.Graded);

        Assert.Equal(2, await _world.Grader().ReleaseManyAsync(GradingWorld.Tenant, ["s-1", "s-2", "s-3", "gone"], default));
    }

    [Fact]
    public async Task ReleaseRange_ReleasesThePendingIdsAfterTheCursorThroughTheBound()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Due);
        foreach (var id in new[] { "s-1", "s-2", "s-3", "s-4" })
        {
            await _world.AddSubmissionAsync(id, "quiz1", SubmissionStatus.Graded);
        }

        var released = await _world.Grader().ReleaseRangeAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", "s-1", "s-3", 10, default);

        Assert.Equal(["s-2", "s-3"], released);
        Assert.Equal(
            [SubmissionStatus.Graded, SubmissionStatus.Released, SubmissionStatus.Released, SubmissionStatus.Graded],
            (await _world.AllAsync<SubmissionRecord>()).OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Status));
    }

    [Fact]
    public async Task ReleaseRange_ReadsEachAssessmentOncePerPage_NotOncePerSubmission()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual), releasedAt: GradingWorld.Due);
        foreach (var id in new[] { "s-1", "s-2", "s-3", "s-4", "s-5" })
        {
            await _world.AddSubmissionAsync(id, "quiz1", SubmissionStatus.Graded);
        }

        var counting = new Projections.CountingStore(_world.Store);
        var released = await _world.Grader(counting).ReleaseRangeAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", null, "s-5", 10, default);

        Assert.Equal(["s-1", "s-2", "s-3", "s-4", "s-5"], released);
        Assert.Equal(1, counting.Reads(AssessmentRecord.Container));
        Assert.Equal(5, counting.Reads(SubmissionRecord.Container));
    }

    [Fact]
    public void ResultsReleasedNotification_NamesTheAssessmentAndCarriesTheIds()
    {
        var submission = GradingWorld.Submission("s-1", "quiz1", SubmissionStatus.Released);
        var assessment = new AssessmentRecord("quiz1", GradingWorld.Course, 1, GradingWorld.Quiz("quiz1", GradingWorld.Policy(ReleasePolicy.Manual)), "t1", GradingWorld.Due);

        var n = SubmissionGrader.ResultsReleasedNotification(submission, assessment, GradingWorld.Now);

        Assert.Equal(("results-released:s-1", "s1", NotificationKinds.ResultsReleased, "Your result for Quiz quiz1 is available", GradingWorld.Now), (n.Id, n.RecipientId, n.Kind, n.Subject, n.CreatedAt));
        Assert.Equal(
            new Dictionary<string, string> { ["submissionId"] = "s-1", ["assessmentId"] = "quiz1", ["courseId"] = GradingWorld.Course },
            n.Data);
    }

    private static void AssertReleaseWrittenAhead(IReadOnlyList<AuditEntry> audit, IReadOnlyList<IntegrationEventRecord> events, IReadOnlyList<NotificationRecord> storedAlone)
    {
        // Read as every reader reads them: a stored document may hold the grade's and the release's entry (or event) both.
        Assert.Contains(AuditFolds.Expand(audit), e => e.Id == GradeAudit.ReleaseId("s-1") && e.New == SubmissionStatus.Released.Wire());
        var carrier = Assert.Single(events, e => IntegrationEventFolds.Expand(e).Any(x => x.Id == "results-released:s-1"));
        // The notification rides in the release event's document: one outbox write, none in the notifications container.
        Assert.Empty(storedAlone);
        var notification = Assert.Single(IntegrationEventFolds.NotificationsOf(carrier));
        Assert.Equal(("results-released:s-1", "s1", "Your result for Quiz quiz1 is available"), (notification.Id, notification.RecipientId, notification.Subject));
    }
}
