using EdTech.Application.Learning.Calibration;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Calibration;

/// <summary>Nightly refit of one course's 2PL item parameters; the work (reads, fit, writes) is one retried activity.</summary>
public sealed class CalibrateCourseOrchestrator : TaskOrchestrator<CalibrateCourseInput, CalibrationSummary>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public override Task<CalibrationSummary> RunAsync(TaskOrchestrationContext context, CalibrateCourseInput input) =>
        context.CallActivityAsync<CalibrationSummary>(nameof(CalibrateCourseActivity), input, Retry);
}
