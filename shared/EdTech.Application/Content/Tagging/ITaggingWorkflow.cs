using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging;

/// <summary>Starts a tagging job's durable run (instance <c>{tenant}:tagging:{jobId}</c>) from the job's counts, never its items.</summary>
public interface ITaggingWorkflow
{
    Task StartAsync(TenantId tenant, TaggingJobRecord job, CancellationToken cancellationToken);
}
