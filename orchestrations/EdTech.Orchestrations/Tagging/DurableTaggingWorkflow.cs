using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.DurableTask.Client;

namespace EdTech.Orchestrations.Tagging;

public sealed class DurableTaggingWorkflow(DurableTaskClient client) : ITaggingWorkflow
{
    public Task StartAsync(TenantId tenant, string jobId, IReadOnlyList<TaggingItemRef> items, CancellationToken cancellationToken)
    {
        var input = new TaggingJobInput(tenant, jobId, items);
        return client.TryScheduleAsync(nameof(TaggingJobOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
