using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Calibration;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Tests.Grading;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Orchestrations.Tests.Learning;

public sealed class CalibrateCourseOrchestrationTests(GradingHostFixture host) : IClassFixture<GradingHostFixture>
{
    [Fact]
    public async Task NightlyJob_StartsOneCalibrationPerCourseAndDay_UnderTheTenantFirstInstanceId()
    {
        var day = new DateTimeOffset(2026, 11, 26, 2, 30, 0, TimeSpan.Zero);
        await TypedDocumentStore.CreateAsync(host.Store, GradingHostFixture.Tenant, new CourseRecord("cal-course", "Calibrated", day));
        var scheduler = new CalibrationScheduler(host.Store, new DurableCalibrationWorkflow(new RegisteredDurableClientSource(host.Client)), new FixedClock(day), NullLogger<CalibrationScheduler>.Instance);

        Assert.True(await scheduler.StartAllAsync(CancellationToken.None) >= 1);
        var instanceId = $"{GradingHostFixture.Tenant}:calibrate:cal-course:20261126";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<CalibrationSummary>()!;
        Assert.Equal("cal-course", summary.CourseId);
        Assert.Equal(0, summary.Calibrated);
        Assert.NotNull(summary.Skipped);

        // The same night again: same instance ids, nothing new started.
        await scheduler.StartAllAsync(CancellationToken.None);
        var runs = host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"{GradingHostFixture.Tenant}:calibrate:cal-course:" });
        var count = 0;
        await foreach (var _ in runs)
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
