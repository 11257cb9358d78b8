using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Tagging;

public sealed class DurableTaggingWorkflow(IDurableClientSource durable) : ITaggingWorkflow
{
    public Task StartAsync(TenantId tenant, string jobId, IReadOnlyList<TaggingItemRef> items, CancellationToken cancellationToken)
    {
        var input = new TaggingJobInput(tenant, jobId, items);
        return durable.Client.TryScheduleAsync(nameof(TaggingJobOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
