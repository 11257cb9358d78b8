using EdTech.Application.Learning.Calibration;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Calibration;

public sealed class CalibrateCourseActivity(CourseCalibrator calibrator) : TaskActivity<CalibrateCourseInput, CalibrationSummary>
{
    public override Task<CalibrationSummary> RunAsync(TaskActivityContext context, CalibrateCourseInput input) =>
        calibrator.CalibrateAsync(input.TenantId, input.CourseId, CancellationToken.None);
}
