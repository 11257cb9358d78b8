using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Submissions;

/// <summary>The 202 submit path on a real (SQLite) store: who may submit, the idempotency key, the attempt cap, what is stored.</summary>
public sealed class SubmitAttemptHandlerTests : IAsyncLifetime
{
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_UnknownAssessment_IsNotFound()
    {
        var outcome = await _world.SubmitAsync(SubmitWorld.Answers(), assessmentId: "nope");

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    [Fact]
    public async Task Handle_StudentNotEnrolledInTheCourse_IsNotFoundAndStoresNothing()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz() with { CourseId = "bio201" });

        var outcome = await _world.SubmitAsync(SubmitWorld.Answers());

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Contains("assessment", outcome.Problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(await _world.Store.QueryAsync(SubmitWorld.Tenant, Containers.Submissions, DocumentQuery.All));
    }

    [Fact]
    public async Task Handle_EnrolledAsTeacherNotStudent_IsNotFound()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.Store.DeleteAsync(SubmitWorld.Tenant, Containers.Enrollments, EnrollmentRecord.IdFor(SubmitWorld.Course, SubmitWorld.Student));
        await _world.EnrollAsync(SubmitWorld.Course, SubmitWorld.Student, Roles.Teacher);

        var outcome = await _world.SubmitAsync(SubmitWorld.Answers());

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Handle_IdempotencyKeyEmptyOrOver200_IsInvalidNamingTheHeader(int length)
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());

        var outcome = await _world.SubmitAsync(SubmitWorld.Answers(), key: new string('k', length));

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.Equal(["1 to 200 characters."], outcome.Problem!.Errors!["Idempotency-Key"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task Handle_IdempotencyKeyOf1To200_IsAccepted(int length)
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());

        var outcome = await _world.SubmitAsync(SubmitWorld.Answers(), key: new string('k', length));

        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public async Task Handle_InvalidAnswers_IsValidationProblemAndStoresNothing()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());

        var outcome = await _world.SubmitAsync(new SubmitAttemptCommand([new AnswerInput("q1", AnswerValue.OfText("zz"))]));

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.True(outcome.Problem!.Errors!.ContainsKey("answers[0].value"));
        Assert.Empty(await _world.SubmissionsAsync());
    }

    [Fact]
    public async Task Handle_ValidSubmit_StoresTheSubmissionAndItsInitialView()
    {
        var assessment = await _world.AddAssessmentAsync(SubmitWorld.Quiz(), version: 3);
        var receivedAt = _world.Clock.GetUtcNow();

        var outcome = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");

        Assert.True(outcome.IsSuccess);
        Assert.True(outcome.Created);
        Assert.Equal(SubmissionStatus.Accepted, outcome.Value!.Status);
        Assert.Equal(SubmissionIds.For(SubmitWorld.Student, "quiz1", "k1"), outcome.Value.SubmissionId);
        var stored = await _world.SubmissionAsync(outcome.Value.SubmissionId);
        Assert.Equal(("quiz1", 3, SubmitWorld.Course, SubmitWorld.Student), (stored.AssessmentId, stored.AssessmentVersion, stored.CourseId, stored.UserId));
        Assert.Equal(receivedAt, stored.ReceivedAt);
        Assert.False(stored.Late);
        Assert.Equal(SubmissionStatus.Accepted, stored.Status);
        Assert.Equal(assessment.Assessment.MaxScore, stored.MaxScore);
        Assert.Equal("k1", stored.IdempotencyKey);
        Assert.Equal(SubmissionBodyHash.Of(stored.Answers), stored.BodyHash);
        Assert.Equal(["q1", "q2"], stored.Answers.Select(a => a.ItemId));
        Assert.Equal(AnswerValue.OfNumber(4), stored.Answers[1].Value);
        var view = await _world.Store.GetAsync<SubmissionViewRecord>(SubmitWorld.Tenant, stored.Id, SubmitWorld.Student);
        Assert.NotNull(view);
        Assert.Equal((SubmissionStatus.Accepted, 0L), (view.Value.Status, view.Value.SourceSequence));
    }

    [Fact]
    public async Task Handle_AfterDeadline_IsStoredLate_AtDeadline_IsNot()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(grace: 60));
        _world.Clock.Set(SubmitWorld.Due.AddSeconds(60));
        var onTime = await _world.SubmitAsync(SubmitWorld.Answers());
        _world.Clock.Set(SubmitWorld.Due.AddSeconds(61));
        var late = await _world.SubmitAsync(SubmitWorld.Answers());

        Assert.False((await _world.SubmissionAsync(onTime.Value!.SubmissionId)).Late);
        Assert.True((await _world.SubmissionAsync(late.Value!.SubmissionId)).Late);
    }

    [Fact]
    public async Task Handle_WithoutKey_EverySubmitIsANewSubmission()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());

        var first = await _world.SubmitAsync(SubmitWorld.Answers());
        var second = await _world.SubmitAsync(SubmitWorld.Answers());

        Assert.NotEqual(first.Value!.SubmissionId, second.Value!.SubmissionId);
        Assert.Equal(2, (await _world.SubmissionsAsync()).Count);
    }

    [Fact]
    public async Task Handle_SameKeySameBody_ReturnsTheOriginalWithoutCreating()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        var first = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");

        var retry = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");

        Assert.True(retry.IsSuccess);
        Assert.False(retry.Created);
        Assert.Equal(first.Value!.SubmissionId, retry.Value!.SubmissionId);
        Assert.Single(await _world.SubmissionsAsync());
    }

    [Fact]
    public async Task Handle_SameKeyOtherBody_IsInvalidNamingTheHeader()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.SubmitAsync(SubmitWorld.Answers(q1: "a"), key: "k1");

        var other = await _world.SubmitAsync(SubmitWorld.Answers(q1: "b"), key: "k1");

        Assert.Equal(ProblemKind.Validation, other.Problem?.Kind);
        Assert.Equal(["Already used with a different body."], other.Problem!.Errors!["Idempotency-Key"]);
        Assert.Single(await _world.SubmissionsAsync());
    }

    [Fact]
    public async Task Handle_ConcurrentSubmitWithSameKeyWinsTheCreate_IsAnsweredAsARetry()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        var id = SubmissionIds.For(SubmitWorld.Student, "quiz1", "k1");
        var answers = SubmitWorld.Answers().Answers!.Select(a => new SubmittedAnswer(a.ItemId!, a.Value)).ToList();
        var winner = new SubmissionRecord(id, "quiz1", 1, SubmitWorld.Course, SubmitWorld.Student, answers, SubmitWorld.Due.AddHours(-2), false,
            SubmissionStatus.Grading, 5, "k1", BodyHash: SubmissionBodyHash.Of(answers));
        var handler = Racing(id, store => store.CreateAsync(SubmitWorld.Tenant, winner));

        var outcome = await handler.HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None);

        Assert.True(outcome.IsSuccess);
        Assert.False(outcome.Created);
        Assert.Equal((id, SubmissionStatus.Grading), (outcome.Value!.SubmissionId, outcome.Value.Status));
        Assert.Equal(SubmissionStatus.Grading, (await _world.SubmissionAsync(id)).Status);
    }

    [Fact]
    public async Task Handle_ConcurrentSubmitWithSameKeyAndOtherBodyWinsTheCreate_IsInvalidNamingTheHeader()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        var id = SubmissionIds.For(SubmitWorld.Student, "quiz1", "k1");
        var theirs = SubmitWorld.Answers(q1: "b").Answers!.Select(a => new SubmittedAnswer(a.ItemId!, a.Value)).ToList();
        var handler = Racing(id, store => store.CreateAsync(SubmitWorld.Tenant, new SubmissionRecord(id, "quiz1", 1, SubmitWorld.Course, SubmitWorld.Student, theirs,
            SubmitWorld.Due.AddHours(-2), false, SubmissionStatus.Accepted, 5, "k1", BodyHash: SubmissionBodyHash.Of(theirs))));

        var outcome = await handler.HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(q1: "a"), "k1", CancellationToken.None);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.True(outcome.Problem!.Errors!.ContainsKey("Idempotency-Key"));
    }

    [Fact]
    public async Task Handle_SameKeyRetry_IsAReadNotAWrite()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");
        var counting = new CountingStore(_world.Store);

        var retry = await Handler(counting).HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None);

        Assert.True(retry.IsSuccess);
        Assert.Equal((0, 0), (counting.CreatesIn(Containers.Submissions), counting.CreatesIn(Containers.SubmissionViews)));
    }

    [Fact]
    public async Task Handle_InitialViewWriteFails_IsNotAcknowledged()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz());
        var failingViews = new CountingStore(_world.Store, failingContainer: Containers.SubmissionViews);

        // The student's read needs the view (no fallback to the write model): no 202 without it; a retry with the key heals it.
        await Assert.ThrowsAsync<IOException>(() => Handler(failingViews).HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None));
    }

    [Fact]
    public async Task Handle_CappedAttempts_SkipsTakenAttemptsWithoutWriting()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 3));
        await _world.SubmitAsync(SubmitWorld.Answers());
        await _world.SubmitAsync(SubmitWorld.Answers());
        var counting = new CountingStore(_world.Store);

        var third = await Handler(counting).HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), null, CancellationToken.None);

        Assert.Equal(SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 3), third.Value!.SubmissionId);
        Assert.Equal(1, counting.CreatesIn(Containers.Submissions));
    }

    [Fact]
    public async Task Handle_CappedAttempts_TakesAttemptsInOrderThenConflicts()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 2));

        var first = await _world.SubmitAsync(SubmitWorld.Answers());
        var second = await _world.SubmitAsync(SubmitWorld.Answers());
        var third = await _world.SubmitAsync(SubmitWorld.Answers());

        Assert.Equal(SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 1), first.Value!.SubmissionId);
        Assert.Equal(SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 2), second.Value!.SubmissionId);
        Assert.True(first.Created && second.Created);
        Assert.Equal(ProblemKind.Conflict, third.Problem?.Kind);
        Assert.Contains("2 attempt", third.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await _world.SubmissionsAsync()).Count);
        Assert.NotNull(await _world.Store.GetAsync<SubmissionViewRecord>(SubmitWorld.Tenant, second.Value.SubmissionId, SubmitWorld.Student));
    }

    [Fact]
    public async Task Handle_CappedAttempts_StoresTheSubmissionLikeUncapped()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 1), version: 2);
        _world.Clock.Set(SubmitWorld.Due.AddMinutes(1));

        var outcome = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k9");

        var stored = await _world.SubmissionAsync(outcome.Value!.SubmissionId);
        Assert.Equal((2, true, "k9", SubmissionStatus.Accepted), (stored.AssessmentVersion, stored.Late, stored.IdempotencyKey, stored.Status));
        Assert.Equal(SubmissionBodyHash.Of(stored.Answers), stored.BodyHash);
    }

    [Fact]
    public async Task Handle_CappedAttempts_SameKeyAgain_ReturnsItsSubmissionAndTakesNoAttempt()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 3));
        await _world.SubmitAsync(SubmitWorld.Answers(), key: "k1");
        var mine = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k2");

        var retry = await _world.SubmitAsync(SubmitWorld.Answers(), key: "k2");
        var otherBody = await _world.SubmitAsync(SubmitWorld.Answers(q1: "b"), key: "k2");

        Assert.Equal(mine.Value!.SubmissionId, retry.Value!.SubmissionId);
        Assert.False(retry.Created);
        Assert.True(otherBody.Problem!.Errors!.ContainsKey("Idempotency-Key"));
        Assert.Equal(2, (await _world.SubmissionsAsync()).Count);
    }

    [Fact]
    public async Task Handle_CappedAttempts_OlderSubmissionsWithOtherIdsCountAgainstTheCap()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 2));
        await _world.Store.CreateAsync(SubmitWorld.Tenant, new SubmissionRecord("s-legacy", "quiz1", 1, SubmitWorld.Course, SubmitWorld.Student, [],
            SubmitWorld.Due.AddDays(-1), false, SubmissionStatus.Graded, 5));

        var first = await _world.SubmitAsync(SubmitWorld.Answers());
        var second = await _world.SubmitAsync(SubmitWorld.Answers());

        Assert.True(first.IsSuccess);
        Assert.Equal(ProblemKind.Conflict, second.Problem?.Kind);
    }

    [Fact]
    public async Task Handle_CappedAttempts_AnotherStudentsAttemptsDoNotCount()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 1));
        await _world.Store.CreateAsync(SubmitWorld.Tenant, new SubmissionRecord(SubmissionIds.ForAttempt("s2", "quiz1", 1), "quiz1", 1, SubmitWorld.Course, "s2", [],
            SubmitWorld.Due.AddDays(-1), false, SubmissionStatus.Graded, 5));

        Assert.True((await _world.SubmitAsync(SubmitWorld.Answers())).IsSuccess);
    }

    [Fact]
    public async Task Handle_CappedAttempts_LosingARaceMovesOnToTheNextAttempt()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 2));
        var attempt1 = SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 1);
        var handler = Racing(attempt1, store => store.CreateAsync(SubmitWorld.Tenant, new SubmissionRecord(attempt1, "quiz1", 1, SubmitWorld.Course, SubmitWorld.Student, [],
            SubmitWorld.Due.AddHours(-2), false, SubmissionStatus.Accepted, 5, "other-key")));

        var outcome = await handler.HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None);

        Assert.Equal(SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 2), outcome.Value!.SubmissionId);
        Assert.True(outcome.Created);
        Assert.Null(await _world.Store.GetAsync<SubmissionViewRecord>(SubmitWorld.Tenant, attempt1, SubmitWorld.Student));
    }

    [Fact]
    public async Task Handle_CappedAttempts_RaceLostToOwnRetry_ReturnsThatSubmission()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 2));
        var attempt1 = SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 1);
        var answers = SubmitWorld.Answers().Answers!.Select(a => new SubmittedAnswer(a.ItemId!, a.Value)).ToList();
        var handler = Racing(attempt1, store => store.CreateAsync(SubmitWorld.Tenant, new SubmissionRecord(attempt1, "quiz1", 1, SubmitWorld.Course, SubmitWorld.Student, answers,
            SubmitWorld.Due.AddHours(-2), false, SubmissionStatus.Accepted, 5, "k1", BodyHash: SubmissionBodyHash.Of(answers))));

        var outcome = await handler.HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), "k1", CancellationToken.None);

        Assert.Equal(attempt1, outcome.Value!.SubmissionId);
        Assert.False(outcome.Created);
        Assert.Single(await _world.SubmissionsAsync());
    }

    [Fact]
    public async Task Handle_CappedAttempts_RaceLostWithoutKey_TakesTheNextAttemptNotARetry()
    {
        await _world.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts: 1));
        var attempt1 = SubmissionIds.ForAttempt(SubmitWorld.Student, "quiz1", 1);
        var handler = Racing(attempt1, store => store.CreateAsync(SubmitWorld.Tenant, new SubmissionRecord(attempt1, "quiz1", 1, SubmitWorld.Course, SubmitWorld.Student, [],
            SubmitWorld.Due.AddHours(-2), false, SubmissionStatus.Accepted, 5)));

        var outcome = await handler.HandleAsync(_world.Caller, "quiz1", SubmitWorld.Answers(), null, CancellationToken.None);

        Assert.Equal(ProblemKind.Conflict, outcome.Problem?.Kind);
    }

    private SubmitAttemptHandler Racing(string racedId, Func<IDocumentStore, Task> racer) => Handler(new RacingStore(_world.Store, racedId, racer));

    private SubmitAttemptHandler Handler(IDocumentStore store)
    {
        return new SubmitAttemptHandler(store, new AssessmentLookup(store, _world.Clock), new CourseAccess(store, _world.Clock, AccessCacheSettings.Default), _world.Clock,
            NullLogger<SubmitAttemptHandler>.Instance);
    }
}
