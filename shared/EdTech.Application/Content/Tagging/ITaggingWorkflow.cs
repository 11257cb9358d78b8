using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging;

/// <summary>Starts a tagging job's durable run (instance <c>{tenant}:tagging:{jobId}</c>).</summary>
public interface ITaggingWorkflow
{
    Task StartAsync(TenantId tenant, string jobId, IReadOnlyList<TaggingItemRef> items, CancellationToken cancellationToken);
}
