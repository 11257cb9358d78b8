using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>Marking an assessment released (record first, then ReleasedAt once, retried on a concurrent edit) and paging its pending work.</summary>
public sealed class ResultsReleaserTests : IAsyncLifetime
{
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task MarkReleased_Unreleased_WritesTheRecordThenReleasedAtAndSaysMarked()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));

        var mark = await _world.Releaser().MarkReleasedAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.Equal(new ReleaseMark("quiz1", true, GradingWorld.Course), mark);
        Assert.Equal(GradingWorld.Now, (await _world.AssessmentAsync("quiz1")).ReleasedAt);
        var record = await _world.Store.GetAsync<AssessmentReleaseRecord>(GradingWorld.Tenant, "quiz1", GradingWorld.Course);
        Assert.Equal(GradingWorld.Now, record!.Value.ReleasedAt);
        _world.Logs.AssertLogged("Releasing the graded submissions of quiz1 in school-a (marked now: True)");
    }

    [Fact]
    public async Task MarkReleased_Again_KeepsTheFirstTimeAndSaysNotMarked()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.Releaser().MarkReleasedAsync(GradingWorld.Tenant, "quiz1", default);
        _world.Clock.Advance(TimeSpan.FromHours(1));

        var mark = await _world.Releaser().MarkReleasedAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.Equal(new ReleaseMark("quiz1", false, GradingWorld.Course), mark);
        Assert.Equal(GradingWorld.Now, (await _world.AssessmentAsync("quiz1")).ReleasedAt);
        _world.Logs.AssertLogged("(marked now: False)");
    }

    [Fact]
    public async Task MarkReleased_RecordWrittenButReleasedAtNot_SetsReleasedAtToTheRecordsTime()
    {
        // A crash between the two writes: the retry takes the record's time, so both say the same instant.
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.Store.CreateAsync(GradingWorld.Tenant, new AssessmentReleaseRecord("quiz1", GradingWorld.Course, GradingWorld.Due));

        var mark = await _world.Releaser().MarkReleasedAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.True(mark.Marked);
        Assert.Equal(GradingWorld.Due, (await _world.AssessmentAsync("quiz1")).ReleasedAt);
    }

    [Fact]
    public async Task MarkReleased_AssessmentGone_IsNothingToReleaseWithoutCourse()
    {
        var mark = await _world.Releaser().MarkReleasedAsync(GradingWorld.Tenant, "gone", default);

        Assert.Equal(new ReleaseMark("gone", false, null), mark);
        Assert.Empty(await _world.AllAsync<AssessmentReleaseRecord>());
        _world.Logs.AssertLogged("Assessment gone in school-a is gone; nothing to release");
    }

    [Fact]
    public async Task MarkReleased_ConcurrentEditFourTimes_RetriesAndMarks()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        var racing = new ConcurrentEditStore(_world.Store, "quiz1", edits: 4);

        var mark = await _world.Releaser(racing).MarkReleasedAsync(GradingWorld.Tenant, "quiz1", default);

        Assert.True(mark.Marked);
        Assert.Equal(5, racing.Replaces);
        Assert.Equal(GradingWorld.Now, (await _world.AssessmentAsync("quiz1")).ReleasedAt);
    }

    [Fact]
    public async Task MarkReleased_ConcurrentEditEveryTime_GivesUpAfterFiveAttemptsWithAConflict()
    {
        await _world.AddAssessmentAsync("quiz1", GradingWorld.Policy(ReleasePolicy.Manual));
        var racing = new ConcurrentEditStore(_world.Store, "quiz1", edits: int.MaxValue);
        var releaser = _world.Releaser(racing);

        var mark = Task.Run(() => releaser.MarkReleasedAsync(GradingWorld.Tenant, "quiz1", default));

        // Bounded: a retry loop that never gives up fails here instead of hanging the run.
        Assert.True(await Task.WhenAny(mark, Task.Delay(TimeSpan.FromSeconds(20))) == mark, "MarkReleasedAsync kept retrying");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => mark);
        Assert.Equal(5, racing.Replaces);
        Assert.Null((await _world.AssessmentAsync("quiz1")).ReleasedAt);
    }

    [Fact]
    public async Task Pending_IsTheGradedNotReleasedWorkOfThatAssessmentOnly()
    {
        await _world.AddSubmissionAsync("s-1", "quiz1", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-2", "quiz1", SubmissionStatus.Released);
        await _world.AddSubmissionAsync("s-3", "quiz1", SubmissionStatus.Accepted);
        await _world.AddSubmissionAsync("s-4", "quiz2", SubmissionStatus.Graded);
        await _world.AddSubmissionAsync("s-5", "quiz1", SubmissionStatus.Graded);

        var pending = await ResultsReleaser.PendingAsync(_world.Store, GradingWorld.Tenant, GradingWorld.Course, "quiz1", default);

        Assert.Equal(["s-1", "s-5"], pending.Select(p => p.Id));
    }

    [Fact]
    public void Generation_NoneIsZero_OtherwiseTheHighestSequence()
    {
        static StoredDocument Doc(long sequence) => new(GradingWorld.Tenant, Containers.Submissions, "s" + sequence, GradingWorld.Course, "{}", "e", sequence, GradingWorld.Now);

        Assert.Equal(0, ResultsReleaser.Generation([]));
        Assert.Equal(9, ResultsReleaser.Generation([Doc(4), Doc(9), Doc(7)]));
    }

    [Fact]
    public async Task NextPages_BoundsOfUpToNPendingPagesAfterTheCursor_EmptyWhenNoneLeft()
    {
        foreach (var id in new[] { "s-1", "s-2", "s-3", "s-4" })
        {
            await _world.AddSubmissionAsync(id, "quiz1", SubmissionStatus.Graded);
        }

        await _world.AddSubmissionAsync("s-5", "quiz1", SubmissionStatus.Released);
        await _world.AddSubmissionAsync("s-6", "quiz2", SubmissionStatus.Graded);
        var releaser = _world.Releaser();

        Assert.Equal([new ReleasePage("s-2", 2)], await releaser.NextPagesAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", null, 2, 1, default));
        Assert.Equal([new ReleasePage("s-2", 2), new ReleasePage("s-4", 2)], await releaser.NextPagesAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", null, 2, 5, default));
        Assert.Equal([new ReleasePage("s-3", 1), new ReleasePage("s-4", 1)], await releaser.NextPagesAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", "s-2", 1, 3, default));
        Assert.Equal([new ReleasePage("s-4", 1)], await releaser.NextPagesAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", "s-3", 5, 2, default));
        Assert.Empty(await releaser.NextPagesAsync(GradingWorld.Tenant, GradingWorld.Course, "quiz1", "s-4", 2, 2, default));
    }
}
