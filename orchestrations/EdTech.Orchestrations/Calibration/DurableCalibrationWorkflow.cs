using EdTech.Application.Learning.Calibration;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Calibration;

public sealed class DurableCalibrationWorkflow(DurableTaskClient client) : ICalibrationWorkflow
{
    public Task StartAsync(TenantId tenant, string courseId, DateOnly day, CancellationToken cancellationToken)
    {
        var input = new CalibrateCourseInput(tenant, courseId, day);
        return client.TryScheduleAsync(nameof(CalibrateCourseOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
