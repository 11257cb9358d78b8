using EdTech.Bff.Composition;
using EdTech.Orchestrations.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.Timers;

/// <summary>
/// Nightly: starts CalibrateCourse for every course. Schedule from the app setting CALIBRATE_SCHEDULE
/// (ScheduledJobs.CalibrateCourses; the LocalHost runs the same job). The durable client comes from the binding.
/// </summary>
public sealed class CalibrateCoursesFunction(IServiceProvider services, InvocationDurableClientSource durable)
{
    [Function("CalibrateCourses")]
    public async Task Run([TimerTrigger("%CALIBRATE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await ScheduledJobs.CalibrateCourses.RunAsync(services, ct).ConfigureAwait(false);
    }
}
