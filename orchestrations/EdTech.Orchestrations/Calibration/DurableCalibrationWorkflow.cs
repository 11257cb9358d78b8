using EdTech.Application.Learning.Calibration;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Calibration;

public sealed class DurableCalibrationWorkflow(IDurableClientSource durable) : ICalibrationWorkflow
{
    public Task StartAsync(TenantId tenant, string courseId, DateOnly day, CancellationToken cancellationToken)
    {
        var input = new CalibrateCourseInput(tenant, courseId, day);
        return durable.Client.TryScheduleAsync(nameof(CalibrateCourseOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
