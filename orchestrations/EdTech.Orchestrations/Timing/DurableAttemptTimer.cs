using EdTech.Application.Timing;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Timing;

public sealed class DurableAttemptTimer(IDurableClientSource durable) : IAttemptTimer
{
    public Task ScheduleAsync(TenantId tenant, string courseId, string attemptId, DateTimeOffset submitAt, CancellationToken cancellationToken)
    {
        var input = new AttemptTimerInput(tenant, courseId, attemptId, submitAt);
        return durable.Client.TryScheduleAsync(nameof(AttemptTimerOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
