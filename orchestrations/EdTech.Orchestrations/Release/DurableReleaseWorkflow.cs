using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Release;

public sealed class DurableReleaseWorkflow(IDurableClientSource durable, BulkPageSettings pages) : IReleaseWorkflow
{
    public Task StartAsync(TenantId tenant, string assessmentId, long generation, CancellationToken cancellationToken)
    {
        var input = new ReleaseResultsInput(tenant, assessmentId, pages.ReleasePageSize, pages.PagesInFlight);
        return durable.Client.TryScheduleAsync(nameof(ReleaseResultsOrchestrator), input, input.InstanceId(generation), cancellationToken);
    }
}
