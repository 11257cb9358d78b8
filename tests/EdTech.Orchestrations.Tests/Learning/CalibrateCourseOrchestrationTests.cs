using EdTech.Application.Commands;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Calibration;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Tests.Grading;
using EdTech.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Learning;

public sealed class CalibrateCourseOrchestrationTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    [Fact]
    public async Task NightlyJob_RecordsOneRunPerCourseAndDay_WhichStartsUnderTheTenantFirstInstanceId_AndCompletesIt()
    {
        var day = new DateTimeOffset(2026, 11, 26, 2, 30, 0, TimeSpan.Zero);
        await TypedDocumentStore.CreateAsync(host.Store, GradingHostFixture.Tenant, new CourseRecord("cal-course", "Calibrated", day));
        var runs = new WorkflowRuns(host.Store, new FixedClock(day), NullLogger<WorkflowRuns>.Instance);
        var scheduler = new CalibrationScheduler(host.Store, runs, new FixedClock(day), NullLogger<CalibrationScheduler>.Instance);
        // The change feed's step, run here by hand: the recorded run starts its workflow.
        var starter = new StartWorkflowRuns(host.Store, new WorkflowRunStarter(host.Store, runs, Mock.Of<IRegradeWorkflow>(MockBehavior.Strict),
            new DurableCalibrationWorkflow(new RegisteredDurableClientSource(host.Client)), Mock.Of<EdTech.Application.Content.Simulations.ISimulationWorkflow>(MockBehavior.Strict)));
        var runId = WorkflowRunRecord.CalibrateId("cal-course", DateOnly.FromDateTime(day.UtcDateTime));

        Assert.True(await scheduler.StartAllAsync(CancellationToken.None) >= 1);
        await starter.HandleAsync([(await host.Store.GetAsync(GradingHostFixture.Tenant, Containers.WorkflowRuns, runId))!], CancellationToken.None);
        var instanceId = $"{GradingHostFixture.Tenant}:calibrate:cal-course:20261126";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<CalibrationSummary>()!;
        Assert.Equal("cal-course", summary.CourseId);
        Assert.Equal(0, summary.Calibrated);
        Assert.NotNull(summary.Skipped);
        Assert.Equal(WorkflowRunStatus.Completed, (await host.Store.GetAsync<WorkflowRunRecord>(GradingHostFixture.Tenant, runId))!.Value.Status);

        // The same night again: the same run, nothing new started.
        await scheduler.StartAllAsync(CancellationToken.None);
        await starter.HandleAsync([(await host.Store.GetAsync(GradingHostFixture.Tenant, Containers.WorkflowRuns, runId))!], CancellationToken.None);
        var instances = host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"{GradingHostFixture.Tenant}:calibrate:cal-course:" });
        var count = 0;
        await foreach (var _ in instances)
        {
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public void InstanceId_IsTenantFirst_PerCourseAndDay()
    {
        Assert.Equal("north:calibrate:maths:20260102", new CalibrateCourseInput(new TenantId("north"), "maths", new DateOnly(2026, 1, 2)).InstanceId);
    }
}
