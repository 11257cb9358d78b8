using EdTech.Application.Timing;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Timing;

public sealed class AutoSubmitAttemptActivity(AutoSubmitAttemptHandler handler) : TaskActivity<AttemptTimerInput, AutoSubmitOutcome>
{
    public override Task<AutoSubmitOutcome> RunAsync(TaskActivityContext context, AttemptTimerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return handler.HandleAsync(input.TenantId, input.CourseId, input.AttemptId, CancellationToken.None);
    }
}
