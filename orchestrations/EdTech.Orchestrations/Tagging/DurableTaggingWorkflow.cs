using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;

namespace EdTech.Orchestrations.Tagging;

/// <summary>Starts the job at its first unfinished page (a re-driven job does not redo the pages it folded).</summary>
public sealed class DurableTaggingWorkflow(IDurableClientSource durable, TaggingJobSettings settings) : ITaggingWorkflow
{
    public Task StartAsync(TenantId tenant, TaggingJobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var input = new TaggingJobInput(tenant, job.Id, job.Total, job.PageSize, job.ChunkSize, settings.MaxConcurrentChunks, job.PagesDone, job.ItemsDone, job.ItemsFailed);
        return durable.Client.TryScheduleAsync(nameof(TaggingJobOrchestrator), input, input.InstanceId, cancellationToken);
    }
}
