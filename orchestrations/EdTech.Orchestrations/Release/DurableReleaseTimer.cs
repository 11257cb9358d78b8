using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Release;

public sealed class DurableReleaseTimer(IDurableClientSource durable) : IReleaseTimer
{
    public Task ScheduleAsync(TenantId tenant, string assessmentId, DateTimeOffset releaseAt, CancellationToken cancellationToken)
    {
        var input = new ReleaseAtInput(tenant, assessmentId, releaseAt);
        return durable.Client.TryScheduleAsync(nameof(ReleaseAtOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
