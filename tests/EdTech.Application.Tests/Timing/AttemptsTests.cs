using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Application.Tests.Submissions;
using EdTech.Application.Timing;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;

namespace EdTech.Application.Tests.Timing;

/// <summary>Timed attempts on the real (SQLite) store: start (idempotent), drafts by sequence, over time, auto-submit, one submission per attempt.</summary>
public sealed class AttemptsTests : IAsyncLifetime
{
    private readonly TimingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<Outcome<AttemptView>> StartAsync(string assessmentId = "quiz1") => _world.Start.HandleAsync(_world.Student, assessmentId, CancellationToken.None);

    [Fact]
    public async Task Start_Timed_EndsAtStartPlusTheStudentsLimit_OnTheServersClock()
    {
        await _world.TimedQuizAsync(limitSeconds: 1200);
        await _world.AccommodateAsync(1.5m);
        var started = _world.Clock.GetUtcNow();

        var outcome = await StartAsync();

        Assert.True(outcome.Created);
        Assert.Equal(started, outcome.Value!.StartedAt);
        Assert.Equal(started.AddMinutes(30), outcome.Value.EndsAt);
        Assert.Equal(1800, outcome.Value.TimeLimitSeconds);
        Assert.Equal(AttemptView.Running, outcome.Value.Status);
        Assert.Equal(1, outcome.Value.Number);
    }

    [Fact]
    public async Task Start_Twice_ReturnsTheRunningAttempt_NotANewOne()
    {
        await _world.TimedQuizAsync();
        var first = await StartAsync();
        _world.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await StartAsync();

        Assert.False(again.Created);
        Assert.Equal(first.Value!.AttemptId, again.Value!.AttemptId);
        Assert.Equal(first.Value.StartedAt, again.Value.StartedAt);
        Assert.Single(await _world.Store.QueryAsync(SubmitWorld.Tenant, Containers.Attempts, DocumentQuery.All));
    }

    [Fact]
    public async Task Start_Concurrently_OneAttempt()
    {
        await _world.TimedQuizAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StartAsync()));

        Assert.Single(outcomes.Select(o => o.Value!.AttemptId).Distinct());
        Assert.Single(await _world.Store.QueryAsync(SubmitWorld.Tenant, Containers.Attempts, DocumentQuery.All));
    }

    [Fact]
    public async Task Start_AfterTheAttemptIsSubmitted_StartsTheNextOne()
    {
        await _world.TimedQuizAsync();
        var first = (await StartAsync()).Value!;
        Assert.Null((await _world.Submit.SubmitAsync(_world.AnswersFor(first.AttemptId))).Problem);

        var second = await StartAsync();

        Assert.True(second.Created);
        Assert.Equal(2, second.Value!.Number);
        Assert.Equal(first.SubmissionId ?? AttemptIds.SubmissionOf(first.AttemptId), (await _world.AttemptAsync(first.AttemptId)).SubmissionId);
    }

    [Fact]
    public async Task Start_AllAttemptsUsed_IsConflict()
    {
        await _world.TimedQuizAsync(maxAttempts: 1);
        var first = (await StartAsync()).Value!;
        await _world.Submit.SubmitAsync(_world.AnswersFor(first.AttemptId));

        var outcome = await StartAsync();

        Assert.Equal(ProblemKind.Conflict, outcome.Problem?.Kind);
    }

    [Fact]
    public async Task Start_NotEnrolled_IsNotFound_AndStoresNothing()
    {
        await _world.Submit.AddAssessmentAsync(SubmitWorld.Quiz() with { CourseId = "bio201", TimeLimitSeconds = 600 });

        var outcome = await StartAsync();

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Empty(await _world.Store.QueryAsync(SubmitWorld.Tenant, Containers.Attempts, DocumentQuery.All));
        Assert.Empty(_world.Timer.Scheduled);
    }

    [Fact]
    public async Task Start_AutoSubmit_SchedulesTheTimerAtTheEndPlusGrace_OnceForTheAttempt()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);

        var attempt = (await StartAsync()).Value!;
        await StartAsync();

        Assert.All(_world.Timer.Scheduled, s => Assert.Equal((SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, attempt.EndsAt!.Value + StudentSchedule.AttemptGrace), s));
        Assert.NotEmpty(_world.Timer.Scheduled);
    }

    [Fact]
    public async Task Start_AcceptMarked_SchedulesNoTimer()
    {
        await _world.TimedQuizAsync(overTime: OverTimePolicy.AcceptMarked);

        await StartAsync();

        Assert.Empty(_world.Timer.Scheduled);
    }

    [Fact]
    public async Task Submit_TimedWithoutAnAttempt_IsInvalidNamingAttemptId()
    {
        await _world.TimedQuizAsync();

        var outcome = await _world.Submit.SubmitAsync(SubmitWorld.Answers());

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.True(outcome.Problem!.Errors!.ContainsKey("attemptId"));
    }

    [Fact]
    public async Task Submit_SomeoneElsesAttempt_IsInvalidNamingAttemptId()
    {
        await _world.TimedQuizAsync();
        var other = new Caller(SubmitWorld.Tenant, "s2", new HashSet<string> { Roles.Student });
        await _world.Submit.EnrollAsync(SubmitWorld.Course, "s2", Roles.Student);
        var theirs = (await _world.Start.HandleAsync(other, "quiz1", CancellationToken.None)).Value!;

        var outcome = await _world.Submit.SubmitAsync(_world.AnswersFor(theirs.AttemptId));

        Assert.True(outcome.Problem!.Errors!.ContainsKey("attemptId"));
        Assert.Empty(await _world.Submit.SubmissionsAsync());
    }

    [Fact]
    public async Task Submit_WithinLimitPlusGrace_IsNotOverTime()
    {
        await _world.TimedQuizAsync(limitSeconds: 600);
        var attempt = (await StartAsync()).Value!;
        _world.Clock.Set(attempt.EndsAt!.Value + StudentSchedule.AttemptGrace);

        var outcome = await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId));

        var stored = await _world.Submit.SubmissionAsync(outcome.Value!.SubmissionId);
        Assert.False(stored.OverTime);
        Assert.Equal(attempt.AttemptId, stored.AttemptId);
        Assert.Equal(AttemptIds.SubmissionOf(attempt.AttemptId), stored.Id);
    }

    [Fact]
    public async Task Submit_AfterLimitPlusGrace_AcceptMarked_IsAcceptedAndMarkedOverTime()
    {
        await _world.TimedQuizAsync(limitSeconds: 600);
        var attempt = (await StartAsync()).Value!;
        _world.Clock.Set(attempt.EndsAt!.Value + StudentSchedule.AttemptGrace + TimeSpan.FromSeconds(1));

        var outcome = await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId));

        Assert.True(outcome.Created);
        Assert.True((await _world.Submit.SubmissionAsync(outcome.Value!.SubmissionId)).OverTime);
    }

    [Fact]
    public async Task Submit_SameAttemptTwice_SecondIsConflict_SameKeyIsARetry()
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;
        var first = await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId), key: "k1");

        var retry = await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId), key: "k1");
        var second = await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId), key: "k2");

        Assert.Equal(first.Value!.SubmissionId, retry.Value!.SubmissionId);
        Assert.Equal(ProblemKind.Conflict, second.Problem?.Kind);
        Assert.Single(await _world.Submit.SubmissionsAsync());
    }

    [Fact]
    public async Task Draft_HigherSequence_Replaces_OlderIsConflict_SameIsARetry()
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;

        Assert.Null((await SaveAsync(attempt, TimingWorld.Draft(2, "a"))).Problem);
        var older = await SaveAsync(attempt, TimingWorld.Draft(1, "b"));
        var same = await SaveAsync(attempt, TimingWorld.Draft(2, "a"));
        var sameOther = await SaveAsync(attempt, TimingWorld.Draft(2, "b"));

        Assert.Equal(ProblemKind.Conflict, older.Problem?.Kind);
        Assert.Equal(2, same.Value!.Sequence);
        Assert.Equal(ProblemKind.Conflict, sameOther.Problem?.Kind);
        var stored = await _world.AttemptAsync(attempt.AttemptId);
        Assert.Equal(2, stored.DraftSequence);
        Assert.Equal("a", stored.DraftAnswers!.Single().Value!.Text);
    }

    [Fact]
    public async Task Draft_ConcurrentSaves_TheHighestSequenceWins()
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;

        await Task.WhenAll(Enumerable.Range(1, 10).Reverse().Select(n => SaveAsync(attempt, TimingWorld.Draft(n, n % 2 == 0 ? "a" : "b"))));

        Assert.Equal(10, (await _world.AttemptAsync(attempt.AttemptId)).DraftSequence);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public async Task Draft_MissingOrZeroSequence_IsInvalidNamingSequence(long? sequence)
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;

        var outcome = await SaveAsync(attempt, TimingWorld.Draft(1) with { Sequence = sequence });

        Assert.True(outcome.Problem!.Errors!.ContainsKey("sequence"));
    }

    [Fact]
    public async Task Draft_AnswerToAnUnknownItem_IsInvalidNamingTheAnswer()
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;

        var outcome = await SaveAsync(attempt, new SaveDraftCommand(1, [new AnswerInput("nope", AnswerValue.OfText("a"))]));

        Assert.True(outcome.Problem!.Errors!.ContainsKey("answers[0].itemId"));
        Assert.Equal(0, (await _world.AttemptAsync(attempt.AttemptId)).DraftSequence);
    }

    [Fact]
    public async Task Draft_AfterSubmit_IsConflict()
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;
        await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId));

        Assert.Equal(ProblemKind.Conflict, (await SaveAsync(attempt, TimingWorld.Draft(1))).Problem?.Kind);
    }

    [Fact]
    public async Task Draft_AutoSubmitAttemptPastItsEnd_IsConflict()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;
        _world.Clock.Set(attempt.EndsAt!.Value + StudentSchedule.AttemptGrace + TimeSpan.FromSeconds(1));

        Assert.Equal(ProblemKind.Conflict, (await SaveAsync(attempt, TimingWorld.Draft(1))).Problem?.Kind);
    }

    [Fact]
    public async Task Draft_AnotherStudentsAttempt_IsNotFound()
    {
        await _world.TimedQuizAsync();
        var attempt = (await StartAsync()).Value!;
        var other = new Caller(SubmitWorld.Tenant, "s2", new HashSet<string> { Roles.Student });
        await _world.Submit.EnrollAsync(SubmitWorld.Course, "s2", Roles.Student);

        var outcome = await _world.Drafts.HandleAsync(other, "quiz1", attempt.AttemptId, TimingWorld.Draft(1), CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    [Fact]
    public async Task AutoSubmit_AfterTheEnd_SubmitsTheLastDraft_ReceivedAtTheEnd()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;
        await SaveAsync(attempt, TimingWorld.Draft(3, "b"));
        _world.Clock.Set(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value));

        var outcome = await _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None);

        Assert.True(outcome.Submitted);
        var stored = await _world.Submit.SubmissionAsync(AttemptIds.SubmissionOf(attempt.AttemptId));
        Assert.True(stored.AutoSubmitted);
        Assert.False(stored.OverTime);
        Assert.Equal(attempt.EndsAt, stored.ReceivedAt);
        Assert.Equal("b", stored.Answers.Single().Value!.Text);
        Assert.Equal(stored.Id, (await _world.AttemptAsync(attempt.AttemptId)).SubmissionId);
    }

    [Fact]
    public async Task AutoSubmit_NoDraft_SubmitsAnEmptyAttempt()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;
        _world.Clock.Set(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value).AddMinutes(1));

        Assert.True((await _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None)).Submitted);
        Assert.Empty((await _world.Submit.SubmissionAsync(AttemptIds.SubmissionOf(attempt.AttemptId))).Answers);
    }

    [Fact]
    public async Task AutoSubmit_BeforeTheEnd_SubmitsNothing_AndSaysWhenToComeBack()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;

        var outcome = await _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None);

        Assert.False(outcome.Submitted);
        Assert.Equal(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value), outcome.NotBefore);
        Assert.Empty(await _world.Submit.SubmissionsAsync());
    }

    [Fact]
    public async Task AutoSubmit_RacingTheStudentsSubmit_ExactlyOneSubmission()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;
        await SaveAsync(attempt, TimingWorld.Draft(1, "b"));
        _world.Clock.Set(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value));

        var timer = Task.Run(() => _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None));
        var student = Task.Run(() => _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId)));
        await Task.WhenAll(timer, student);

        Assert.Single(await _world.Submit.SubmissionsAsync());
        Assert.NotEqual((await timer).Submitted, (await student).Problem is null);
    }

    [Fact]
    public async Task AutoSubmit_AlreadySubmittedByTheStudent_IsANoOp()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;
        await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId));
        _world.Clock.Set(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value));

        Assert.False((await _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None)).Submitted);
        Assert.False((await _world.Submit.SubmissionsAsync()).Single().AutoSubmitted);
    }

    [Fact]
    public async Task AutoSubmit_ThenTheStudentSubmits_IsConflictSayingItWasAutomatic()
    {
        await _world.TimedQuizAsync(limitSeconds: 600, overTime: OverTimePolicy.AutoSubmit);
        var attempt = (await StartAsync()).Value!;
        _world.Clock.Set(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value));
        await _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None);

        var late = await _world.Submit.SubmitAsync(_world.AnswersFor(attempt.AttemptId));

        Assert.Equal(ProblemKind.Conflict, late.Problem?.Kind);
        Assert.Contains("automatically", late.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoSubmit_AttemptCutAtTheDeadline_IsOnTime()
    {
        await _world.TimedQuizAsync(limitSeconds: 3600, overTime: OverTimePolicy.AutoSubmit);
        _world.Clock.Set(SubmitWorld.Due.AddMinutes(-10));
        var attempt = (await StartAsync()).Value!;
        Assert.Equal(SubmitWorld.Due, attempt.EndsAt);
        _world.Clock.Set(StudentSchedule.AutoSubmitAt(attempt.EndsAt!.Value));

        await _world.AutoSubmit.HandleAsync(SubmitWorld.Tenant, SubmitWorld.Course, attempt.AttemptId, CancellationToken.None);

        Assert.False((await _world.Submit.SubmissionAsync(AttemptIds.SubmissionOf(attempt.AttemptId))).Late);
    }

    private Task<Outcome<DraftSaved>> SaveAsync(AttemptView attempt, SaveDraftCommand draft) =>
        _world.Drafts.HandleAsync(_world.Student, "quiz1", attempt.AttemptId, draft, CancellationToken.None);
}
