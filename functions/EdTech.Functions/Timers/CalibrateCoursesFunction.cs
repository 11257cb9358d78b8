using EdTech.Application.Learning.Calibration;
using EdTech.Application.Storage;
using EdTech.Orchestrations.Calibration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EdTech.Functions.Timers;

/// <summary>
/// Nightly: starts CalibrateCourse for every course. Schedule from the app setting CALIBRATE_SCHEDULE
/// (ScheduledJobs.CalibrateCourses; the LocalHost runs the same job). The durable client comes from the binding.
/// </summary>
public sealed class CalibrateCoursesFunction(IDocumentStore store, TimeProvider clock, ILoggerFactory loggers)
{
    [Function("CalibrateCourses")]
    public Task Run([TimerTrigger("%CALIBRATE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        new CalibrationScheduler(store, new DurableCalibrationWorkflow(client), clock, loggers.CreateLogger<CalibrationScheduler>()).StartAllAsync(ct);
}
