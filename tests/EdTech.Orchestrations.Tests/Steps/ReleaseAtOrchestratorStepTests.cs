using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Release;

namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>
/// The release timer's decisions (sleep, clock-skew retry, moved schedule) step by step; the engine tests in
/// Grading/ReleaseAtOrchestratorTests run it end to end on the real store.
/// </summary>
public sealed class ReleaseAtOrchestratorStepTests
{
    private static readonly DateTimeOffset ReleaseAt = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReleaseAtInput Input = new(new TenantId("school-1"), "a-1", ReleaseAt);

    [Fact]
    public async Task RunAsync_NullContextOrInput_ThrowsArgumentNull()
    {
        var orchestrator = new ReleaseAtOrchestrator();

        var noContext = await Assert.ThrowsAsync<ArgumentNullException>(() => orchestrator.RunAsync(null!, Input));
        var noInput = await Assert.ThrowsAsync<ArgumentNullException>(() => orchestrator.RunAsync(Context(ReleaseAt.AddHours(-1)), null!));

        Assert.Equal(("context", "input"), (noContext.ParamName, noInput.ParamName));
    }

    [Fact]
    public async Task RunAsync_BeforeTheReleaseTime_SleepsUntilIt_ThenStartsTheRelease()
    {
        var context = Context(ReleaseAt.AddHours(-5)).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => new(true, null));

        var started = await new ReleaseAtOrchestrator().RunAsync(context, Input);

        Assert.True(started);
        Assert.Equal([ReleaseAt.UtcDateTime], context.Timers);
        Assert.Equal([Input], context.InputsOf<ReleaseAtInput>(nameof(ReleaseDueAssessmentActivity)));
        Assert.True(context.Steps.Single().Options?.Retry?.Policy?.MaxNumberOfAttempts > 1, "the release step retries");
    }

    [Fact]
    public async Task RunAsync_WokenExactlyAtTheReleaseTime_AsksWithoutAnotherTimer()
    {
        var context = Context(ReleaseAt).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => new(true, null));

        Assert.True(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Empty(context.Timers);
        Assert.Single(context.Steps);
    }

    [Fact]
    public async Task RunAsync_NothingWaiting_ReturnsFalseAfterOneStep()
    {
        var context = Context(ReleaseAt).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => TimedReleaseOutcome.Nothing);

        Assert.False(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Single(context.Steps);
        Assert.Empty(context.Timers);
    }

    [Fact]
    public async Task RunAsync_WorkerClockBehindTheTimer_WaitsOneSecondAndAsksAgain()
    {
        // The timer fired at the release time, but the activity's clock says "not yet, due at ReleaseAt".
        var answers = new Queue<TimedReleaseOutcome>([new(false, ReleaseAt), new(true, null)]);
        var context = Context(ReleaseAt.AddHours(-1)).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => answers.Dequeue());

        Assert.True(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Equal([ReleaseAt.UtcDateTime, ReleaseAt.UtcDateTime.AddSeconds(1)], context.Timers);
        Assert.Equal(2, context.Steps.Count);
    }

    [Fact]
    public async Task RunAsync_TimerFiredLateAndWorkerClockBehind_WakesOneSecondAfterNow_NotAfterTheReleaseTime()
    {
        var now = ReleaseAt.AddSeconds(10);
        var answers = new Queue<TimedReleaseOutcome>([new(false, ReleaseAt), new(true, null)]);
        var context = Context(now).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => answers.Dequeue());

        Assert.True(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Equal([now.UtcDateTime.AddSeconds(1)], context.Timers);
    }

    [Fact]
    public async Task RunAsync_ReleaseTimeMovedWithinTheThreshold_WakesOneSecondAfterTheNewTime()
    {
        var moved = ReleaseAt.AddSeconds(30);
        var answers = new Queue<TimedReleaseOutcome>([new(false, moved), new(true, null)]);
        var context = Context(ReleaseAt.AddHours(-1)).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => answers.Dequeue());

        Assert.True(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Equal([ReleaseAt.UtcDateTime, moved.UtcDateTime.AddSeconds(1)], context.Timers);
    }

    [Fact]
    public async Task RunAsync_ReleaseTimeMovedByExactlyTheThreshold_IsStillSkew_AndWaits()
    {
        var moved = ReleaseAt + ReleaseAtOrchestrator.MovedThreshold;
        var answers = new Queue<TimedReleaseOutcome>([new(false, moved), new(true, null)]);
        var context = Context(ReleaseAt).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => answers.Dequeue());

        Assert.True(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Equal([moved.UtcDateTime.AddSeconds(1)], context.Timers);
        Assert.Equal(2, context.Steps.Count);
    }

    [Fact]
    public async Task RunAsync_ReleaseTimeMovedByMoreThanTheThreshold_EndsWithoutRelease_TheNewTimerOwnsIt()
    {
        var moved = ReleaseAt + ReleaseAtOrchestrator.MovedThreshold + TimeSpan.FromTicks(1);
        var context = Context(ReleaseAt).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => new(false, moved));

        Assert.False(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Single(context.Steps);
        Assert.Empty(context.Timers);
    }

    [Fact]
    public async Task RunAsync_WorkerClockStaysBehind_AsksOncePlusTheRetries_ThenGivesUp()
    {
        var context = Context(ReleaseAt).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => new(false, ReleaseAt));

        Assert.False(await new ReleaseAtOrchestrator().RunAsync(context, Input));

        Assert.Equal(1 + ReleaseAtOrchestrator.ClockSkewRetries, context.Steps.Count);
        Assert.Equal(ReleaseAtOrchestrator.ClockSkewRetries, context.Timers.Count);
        Assert.Equal(Enumerable.Range(1, ReleaseAtOrchestrator.ClockSkewRetries).Select(i => ReleaseAt.UtcDateTime.AddSeconds(i)), context.Timers);
    }

    [Fact]
    public async Task RunAsync_ReleaseStepFailsForGood_FailsTheTimer()
    {
        var context = Context(ReleaseAt).On<ReleaseAtInput, TimedReleaseOutcome>(nameof(ReleaseDueAssessmentActivity), _ => throw new InvalidOperationException("store down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new ReleaseAtOrchestrator().RunAsync(context, Input));
    }

    private static ScriptedOrchestrationContext Context(DateTimeOffset now) => new(Input.InstanceId, now.UtcDateTime);
}
