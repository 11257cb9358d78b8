using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Grading;

/// <summary>The change-feed consumer that gives each afterDue or scheduled, not yet released assessment a release timer.</summary>
public sealed class ScheduleReleaseOnAssessmentTests : IAsyncLifetime
{
    private static readonly TenantId ChangeTenant = new("school-1");
    private static readonly DateTimeOffset Deadline = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly GradingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_AfterDueAndScheduled_TimerAtTheirReleaseTime_OthersNone()
    {
        var at = GradingWorld.Due.AddDays(2);
        await _world.AddAssessmentAsync("after-due", GradingWorld.Policy(ReleasePolicy.AfterDue));
        await _world.AddAssessmentAsync("scheduled", GradingWorld.Policy(ReleasePolicy.Scheduled, at));
        await _world.AddAssessmentAsync("manual", GradingWorld.Policy(ReleasePolicy.Manual));
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        await _world.AddAssessmentAsync("released", GradingWorld.Policy(ReleasePolicy.AfterDue), releasedAt: GradingWorld.Now);
        await _world.AddSubmissionAsync("s1", "after-due", SubmissionStatus.Accepted);
        var changes = new List<StoredDocument>();
        foreach (var id in new[] { "after-due", "scheduled", "manual", "immediate", "released" })
        {
            changes.Add(await _world.DocumentAsync(Containers.Assessments, id));
        }

        changes.Add(await _world.DocumentAsync(Containers.Submissions, "s1"));

        await new ScheduleReleaseOnAssessment(_world.Workflows).HandleAsync(changes, default);

        Assert.Equal([$"school-a:after-due@{GradingWorld.Due:o}", $"school-a:scheduled@{at:o}"], _world.Workflows.Timers);
    }

    [Fact]
    public void ReleaseAt_NoRecord_IsAnArgumentError() =>
        Assert.Equal("record", Assert.Throws<ArgumentNullException>(() => ScheduleReleaseOnAssessment.ReleaseAt(null!)).ParamName);

    [Fact]
    public async Task ReleaseAt_PerPolicyAndRelease()
    {
        var at = GradingWorld.Due.AddDays(2);

        Assert.Equal(GradingWorld.Due, ScheduleReleaseOnAssessment.ReleaseAt(await _world.AddAssessmentAsync("a", GradingWorld.Policy(ReleasePolicy.AfterDue))));
        Assert.Equal(at, ScheduleReleaseOnAssessment.ReleaseAt(await _world.AddAssessmentAsync("b", GradingWorld.Policy(ReleasePolicy.Scheduled, at))));
        Assert.Null(ScheduleReleaseOnAssessment.ReleaseAt(await _world.AddAssessmentAsync("c", GradingWorld.Policy(ReleasePolicy.Scheduled, at), releasedAt: GradingWorld.Now)));
        Assert.Null(ScheduleReleaseOnAssessment.ReleaseAt(await _world.AddAssessmentAsync("d", GradingWorld.Policy(ReleasePolicy.Manual))));
        Assert.Null(ScheduleReleaseOnAssessment.ReleaseAt(await _world.AddAssessmentAsync("e", GradingWorld.Policy(ReleasePolicy.Immediate))));
    }

    // The cases below hand the consumer changes made up in memory, without the store.

    [Fact]
    public async Task AfterDue_SchedulesAtTheDeadline()
    {
        var timer = new RecordingWorkflows();

        await new ScheduleReleaseOnAssessment(timer).HandleAsync([Change("a1", new ReleasePolicy(ReleasePolicy.AfterDue, null), 1)], CancellationToken.None);

        Assert.Equal([$"school-1:a1@{Deadline:o}"], timer.Timers);
    }

    [Fact]
    public async Task Scheduled_SchedulesAtItsTime_LatestChangeOfTheBatchWins()
    {
        var timer = new RecordingWorkflows();
        var first = Deadline.AddDays(1);
        var second = Deadline.AddDays(2);

        await new ScheduleReleaseOnAssessment(timer).HandleAsync(
            [Change("a1", new ReleasePolicy(ReleasePolicy.Scheduled, first), 1), Change("a1", new ReleasePolicy(ReleasePolicy.Scheduled, second), 2)],
            CancellationToken.None);

        Assert.Equal([$"school-1:a1@{second:o}"], timer.Timers);
    }

    [Theory]
    [InlineData(ReleasePolicy.Immediate)]
    [InlineData(ReleasePolicy.Manual)]
    public async Task ImmediateOrManual_NoTimer(string mode)
    {
        var timer = new RecordingWorkflows();

        await new ScheduleReleaseOnAssessment(timer).HandleAsync([Change("a1", new ReleasePolicy(mode, null), 1)], CancellationToken.None);

        Assert.Empty(timer.Timers);
    }

    [Fact]
    public async Task AlreadyReleased_NoTimer()
    {
        var timer = new RecordingWorkflows();

        await new ScheduleReleaseOnAssessment(timer).HandleAsync([Change("a1", new ReleasePolicy(ReleasePolicy.AfterDue, null), 1, released: true)], CancellationToken.None);

        Assert.Empty(timer.Timers);
    }

    private static StoredDocument Change(string id, ReleasePolicy release, long sequence, bool released = false)
    {
        var assessment = new Assessment(id, "c1", "Quiz", Deadline, 0, null, null, release, []);
        var record = new AssessmentRecord(id, "c1", 1, assessment, "teacher-1", Deadline.AddDays(-7), released ? Deadline : null);
        return new StoredDocument(ChangeTenant, Containers.Assessments, id, "c1", TypedDocumentStore.Serialize(record), $"\"{sequence}\"", sequence, Deadline);
    }
}
