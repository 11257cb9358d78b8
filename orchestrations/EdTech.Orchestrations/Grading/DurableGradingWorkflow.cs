using EdTech.Application.Grading;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Grading;

public sealed class DurableGradingWorkflow(DurableTaskClient client) : IGradingWorkflow
{
    public Task StartAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken)
    {
        var input = new GradeSubmissionInput(tenant, submissionId);
        return client.TryScheduleAsync(nameof(GradeSubmissionOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
