using EdTech.Application.Learning.Calibration;
using EdTech.Application.Records;
using EdTech.Orchestrations.Runs;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Calibration;

/// <summary>
/// Nightly refit of one course's 2PL item parameters; the work (reads, fit, writes) is one retried activity, then the
/// day's calibration run is completed (the record the scheduler wrote before anything started).
/// </summary>
public sealed class CalibrateCourseOrchestrator : TaskOrchestrator<CalibrateCourseInput, CalibrationSummary>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public override async Task<CalibrationSummary> RunAsync(TaskOrchestrationContext context, CalibrateCourseInput input)
    {
        var summary = await context.CallActivityAsync<CalibrationSummary>(nameof(CalibrateCourseActivity), input, Retry);
        await context.CallActivityAsync<bool>(nameof(FinishWorkflowRunActivity), new FinishWorkflowRunInput(
            input.TenantId, WorkflowRunRecord.CalibrateId(input.CourseId, input.Day), summary.Skipped ?? $"calibrated {summary.Calibrated} items"), Retry);
        return summary;
    }
}
