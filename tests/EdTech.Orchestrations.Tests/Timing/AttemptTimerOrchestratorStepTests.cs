using EdTech.Application.Timing;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Tests.Steps;
using EdTech.Orchestrations.Timing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace EdTech.Orchestrations.Tests.Timing;

/// <summary>
/// The auto-submit timer's decisions step by step (sleep until the end plus grace, clock-skew retry, give up); the LocalHost
/// engine runs it end to end in EdTech.Bff.Tests/Timing/AutoSubmitEndToEndTests and the engine test below.
/// </summary>
public sealed class AttemptTimerOrchestratorStepTests
{
    private static readonly DateTimeOffset SubmitAt = new(2026, 6, 1, 9, 0, 30, TimeSpan.Zero);
    private static readonly AttemptTimerInput Input = new(new TenantId("school-1"), "algebra-1", "t-abc-1", SubmitAt);

    [Fact]
    public void InstanceId_IsTenantFirst_OnePerAttempt() =>
        Assert.Equal("school-1:attempt-timer:t-abc-1", Input.InstanceId);

    [Fact]
    public async Task RunAsync_BeforeTheEnd_SleepsUntilIt_ThenSubmits()
    {
        var context = Context(SubmitAt.AddMinutes(-30)).On<AttemptTimerInput, AutoSubmitOutcome>(nameof(AutoSubmitAttemptActivity), _ => new(true));

        Assert.True(await new AttemptTimerOrchestrator().RunAsync(context, Input));

        Assert.Equal([SubmitAt.UtcDateTime], context.Timers);
        Assert.Equal([Input], context.InputsOf<AttemptTimerInput>(nameof(AutoSubmitAttemptActivity)));
        Assert.True(context.Steps.Single().Options?.Retry?.Policy?.MaxNumberOfAttempts > 1, "the submit step retries");
    }

    [Fact]
    public async Task RunAsync_AlreadySubmittedByTheStudent_EndsAfterOneStep()
    {
        var context = Context(SubmitAt).On<AttemptTimerInput, AutoSubmitOutcome>(nameof(AutoSubmitAttemptActivity), _ => new(false));

        Assert.False(await new AttemptTimerOrchestrator().RunAsync(context, Input));

        Assert.Single(context.Steps);
        Assert.Empty(context.Timers);
    }

    [Fact]
    public async Task RunAsync_StepSaysNotYet_WaitsTheGap_ThenSubmits()
    {
        var calls = 0;
        var context = Context(SubmitAt).On<AttemptTimerInput, AutoSubmitOutcome>(nameof(AutoSubmitAttemptActivity),
            _ => ++calls == 1 ? new AutoSubmitOutcome(false, SubmitAt.AddSeconds(5)) : new AutoSubmitOutcome(true));

        Assert.True(await new AttemptTimerOrchestrator().RunAsync(context, Input));

        Assert.Equal([SubmitAt.UtcDateTime.AddSeconds(6)], context.Timers);
        Assert.Equal(2, context.Steps.Count);
    }

    [Fact]
    public async Task RunAsync_ClockStaysBehind_AsksOncePlusTheRetries_ThenGivesUp()
    {
        var context = Context(SubmitAt).On<AttemptTimerInput, AutoSubmitOutcome>(nameof(AutoSubmitAttemptActivity), _ => new(false, SubmitAt));

        Assert.False(await new AttemptTimerOrchestrator().RunAsync(context, Input));

        Assert.Equal(1 + AttemptTimerOrchestrator.ClockSkewRetries, context.Steps.Count);
        Assert.Equal(AttemptTimerOrchestrator.ClockSkewRetries, context.Timers.Count);
    }

    [Fact]
    public async Task DurableAttemptTimer_SchedulesTheOrchestratorUnderItsInstanceId()
    {
        var started = new List<(string Name, object? Input, string? InstanceId)>();
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "recording");
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) => started.Add((name.Name, input, options?.InstanceId)))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);

        await new DurableAttemptTimer(new RegisteredDurableClientSource(client.Object)).ScheduleAsync(Input.TenantId, Input.CourseId, Input.AttemptId, SubmitAt, CancellationToken.None);

        Assert.Equal([(nameof(AttemptTimerOrchestrator), (object?)Input, Input.InstanceId)], started);
    }

    [Fact]
    public void Catalog_HasTheTimerAndItsStep() =>
        Assert.True(OrchestrationCatalog.Orchestrators.Contains(typeof(AttemptTimerOrchestrator)) && OrchestrationCatalog.Activities.Contains(typeof(AutoSubmitAttemptActivity)));

    private static ScriptedOrchestrationContext Context(DateTimeOffset now) => new(Input.InstanceId, now.UtcDateTime);
}
