using EdTech.Application.Commands;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Calibration;
using EdTech.Orchestrations.Regrade;
using EdTech.Orchestrations.Tests.Grading;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EdTech.Orchestrations.Tests.Commands;

/// <summary>Regrade and calibration runs: recorded once, started by the change feed, completed by the workflow's last step.</summary>
public sealed class WorkflowRunTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    private static readonly TenantId Tenant = GradingHostFixture.Tenant;
    private static readonly DateOnly Day = new(2026, 12, 6);
    private readonly Mock<IRegradeWorkflow> _regrade = new(MockBehavior.Strict);
    private readonly Mock<ICalibrationWorkflow> _calibration = new(MockBehavior.Strict);
    private readonly Mock<ISimulationWorkflow> _simulation = new(MockBehavior.Strict);

    [Fact]
    public async Task Request_Twice_IsOneRecord_TheFirst()
    {
        var first = await Runs().RequestAsync(Tenant, WorkflowRunRecord.RegradeKind, "wr-twice", 2, GradingHostFixture.CourseId, CancellationToken.None);
        var second = await Runs().RequestAsync(Tenant, WorkflowRunRecord.RegradeKind, "wr-twice", 2, GradingHostFixture.CourseId, CancellationToken.None);

        Assert.Equal("regrade:wr-twice:2", first.Id);
        Assert.Equal(first, second);
        Assert.Equal(1, host.Store.WritesOf(Containers.WorkflowRuns, first.Id));
    }

    [Fact]
    public async Task StartRuns_RequestedRegradeAndCalibration_StartTheirWorkflows_RedeliveryAfterCompletion_StartsNothing()
    {
        await host.SeedAssessmentAsync("wr-regrade", new ReleasePolicy(ReleasePolicy.Immediate, null), DateTimeOffset.UtcNow.AddDays(1));
        await host.Store.CreateAsync(Tenant, new CourseRecord(GradingHostFixture.CourseId, "Algebra", DateTimeOffset.UtcNow));
        var regrade = await Runs().RequestAsync(Tenant, WorkflowRunRecord.RegradeKind, "wr-regrade", 2, GradingHostFixture.CourseId, CancellationToken.None);
        var calibrate = await Runs().RequestAsync(Tenant, WorkflowRunRecord.CalibrateKind, GradingHostFixture.CourseId, WorkflowRunRecord.DayGeneration(Day), GradingHostFixture.CourseId, CancellationToken.None);
        var changes = new[] { await ChangeAsync(regrade.Id), await ChangeAsync(calibrate.Id) };
        _regrade.Setup(w => w.StartAsync(Tenant, "wr-regrade", 2, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _calibration.Setup(w => w.StartAsync(Tenant, GradingHostFixture.CourseId, Day, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Handler().HandleAsync(changes, CancellationToken.None);
        await Handler().HandleAsync(changes, CancellationToken.None);
        await Runs().FinishAsync(Tenant, regrade.Id, WorkflowRunStatus.Completed, null, CancellationToken.None);
        await Handler().HandleAsync(changes, CancellationToken.None);

        _regrade.Verify(w => w.StartAsync(Tenant, "wr-regrade", 2, It.IsAny<CancellationToken>()), Times.Exactly(2));
        _calibration.Verify(w => w.StartAsync(Tenant, GradingHostFixture.CourseId, Day, It.IsAny<CancellationToken>()), Times.Exactly(3));
        _regrade.VerifyNoOtherCalls();
        _calibration.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task StartRuns_RequestedSimulation_StartsItsWorkflow_AndASimulationThatIsGone_IsDropped()
    {
        await host.Store.CreateAsync(Tenant, new SimulationRecord("wr-sim", SimulationStatus.Running, GradingHostFixture.CourseId, 100, 1, Domain.Simulation.CourseChange.None, "c1", DateTimeOffset.UtcNow));
        var run = await Runs().RequestAsync(Tenant, WorkflowRunRecord.SimulateKind, "wr-sim", 0, GradingHostFixture.CourseId, CancellationToken.None);
        var gone = await Runs().RequestAsync(Tenant, WorkflowRunRecord.SimulateKind, "wr-sim-gone", 0, GradingHostFixture.CourseId, CancellationToken.None);
        _simulation.Setup(w => w.StartAsync(Tenant, "wr-sim", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Handler().HandleAsync([await ChangeAsync(run.Id), await ChangeAsync(gone.Id)], CancellationToken.None);

        Assert.Equal(WorkflowRunRecord.SimulateId("wr-sim"), run.Id);
        _simulation.Verify(w => w.StartAsync(Tenant, "wr-sim", It.IsAny<CancellationToken>()), Times.Once);
        _simulation.VerifyNoOtherCalls();
        Assert.Equal(WorkflowRunStatus.Dropped, (await host.Store.GetAsync<WorkflowRunRecord>(Tenant, gone.Id))!.Value.Status);
    }

    [Fact]
    public async Task StartRuns_AssessmentGone_DropsTheRun_AndStartsNothing()
    {
        var run = await Runs().RequestAsync(Tenant, WorkflowRunRecord.RegradeKind, "wr-gone", 3, GradingHostFixture.CourseId, CancellationToken.None);

        await Handler().HandleAsync([await ChangeAsync(run.Id)], CancellationToken.None);

        var stored = (await host.Store.GetAsync<WorkflowRunRecord>(Tenant, run.Id))!.Value;
        Assert.Equal(WorkflowRunStatus.Dropped, stored.Status);
        Assert.NotNull(stored.FinishedAt);
        _regrade.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RegradeAndCalibrateOrchestrations_CompleteTheirRun_AsTheirLastStep()
    {
        await host.SeedAssessmentAsync("wr-done", new ReleasePolicy(ReleasePolicy.Immediate, null), DateTimeOffset.UtcNow.AddDays(1));
        var regrade = await Runs().RequestAsync(Tenant, WorkflowRunRecord.RegradeKind, "wr-done", 1, GradingHostFixture.CourseId, CancellationToken.None);
        var calibrate = await Runs().RequestAsync(Tenant, WorkflowRunRecord.CalibrateKind, "wr-course", WorkflowRunRecord.DayGeneration(Day), "wr-course", CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var regradeInput = new RegradeAssessmentInput(Tenant, "wr-done", 1);
        var calibrateInput = new CalibrateCourseInput(Tenant, "wr-course", Day);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RegradeAssessmentOrchestrator), regradeInput, new StartOrchestrationOptions(regradeInput.InstanceId), cts.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CalibrateCourseOrchestrator), calibrateInput, new StartOrchestrationOptions(calibrateInput.InstanceId), cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.WaitForInstanceCompletionAsync(regradeInput.InstanceId, cts.Token)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.WaitForInstanceCompletionAsync(calibrateInput.InstanceId, cts.Token)).RuntimeStatus);

        foreach (var id in new[] { regrade.Id, calibrate.Id })
        {
            var stored = (await host.Store.GetAsync<WorkflowRunRecord>(Tenant, id))!.Value;
            Assert.Equal((WorkflowRunStatus.Completed, true), (stored.Status, stored.FinishedAt is not null));
        }
    }

    [Fact]
    public void DayGeneration_RoundTrips()
    {
        Assert.Equal(20261206, WorkflowRunRecord.DayGeneration(Day));
        Assert.Equal(Day, WorkflowRunRecord.DayOf(WorkflowRunRecord.DayGeneration(Day)));
        Assert.Equal("calibrate:c1:20261206", WorkflowRunRecord.CalibrateId("c1", Day));
    }

    private WorkflowRuns Runs() => new(host.Store, TimeProvider.System, NullLogger<WorkflowRuns>.Instance);

    private StartWorkflowRuns Handler() => new(host.Store, new WorkflowRunStarter(host.Store, Runs(), _regrade.Object, _calibration.Object, _simulation.Object));

    private async Task<StoredDocument> ChangeAsync(string runId) => (await host.Store.GetAsync(Tenant, Containers.WorkflowRuns, runId))!;
}
