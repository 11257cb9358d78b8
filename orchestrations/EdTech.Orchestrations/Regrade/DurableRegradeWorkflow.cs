using EdTech.Application.Grading;
using EdTech.Application.Grading.Regrade;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Regrade;

public sealed class DurableRegradeWorkflow(IDurableClientSource durable, BulkPageSettings pages) : IRegradeWorkflow
{
    public Task StartAsync(TenantId tenant, string assessmentId, int version, CancellationToken cancellationToken)
    {
        var input = new RegradeAssessmentInput(tenant, assessmentId, version, pages.RegradePageSize, pages.PagesInFlight);
        return durable.Client.TryScheduleAsync(nameof(RegradeAssessmentOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
