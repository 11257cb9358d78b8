using EdTech.Application.Grading;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Regrade;

public sealed class DurableRegradeWorkflow(DurableTaskClient client) : IRegradeWorkflow
{
    public Task StartAsync(TenantId tenant, string assessmentId, int version, CancellationToken cancellationToken)
    {
        var input = new RegradeAssessmentInput(tenant, assessmentId, version);
        return client.TryScheduleAsync(nameof(RegradeAssessmentOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
