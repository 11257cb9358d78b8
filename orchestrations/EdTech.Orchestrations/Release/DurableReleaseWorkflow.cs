using EdTech.Application.Grading;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Release;

public sealed class DurableReleaseWorkflow(DurableTaskClient client) : IReleaseWorkflow
{
    public Task StartAsync(TenantId tenant, string assessmentId, long generation, CancellationToken cancellationToken)
    {
        var input = new ReleaseResultsInput(tenant, assessmentId);
        return client.TryScheduleAsync(nameof(ReleaseResultsOrchestrator), input, input.InstanceId(generation), cancellationToken);
    }
}
