using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning.Calibration;

/// <summary>Starts CalibrateCourse for one course and day; the instance id is derived from both, so a second start that day counts as started.</summary>
public interface ICalibrationWorkflow
{
    Task StartAsync(TenantId tenant, string courseId, DateOnly day, CancellationToken cancellationToken);
}
