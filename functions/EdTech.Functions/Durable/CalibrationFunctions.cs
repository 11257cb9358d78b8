using EdTech.Application.Learning.Calibration;
using EdTech.Orchestrations.Calibration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared calibration orchestrator and activity.</summary>
public static class CalibrationFunctions
{
    [Function(nameof(CalibrateCourseOrchestrator))]
    public static Task<CalibrationSummary> CalibrateCourse([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CalibrateCourseOrchestrator().RunAsync(context, context.GetInput<CalibrateCourseInput>()!);

    [Function(nameof(CalibrateCourseActivity))]
    public static Task<CalibrationSummary> CalibrateCourseStep([ActivityTrigger] CalibrateCourseInput input, FunctionContext context) =>
        FunctionActivityContext.Run<CalibrateCourseActivity, CalibrateCourseInput, CalibrationSummary>(context, input);
}
