using EdTech.Application.Records;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Tagging;

public sealed record TaggingJobInput(TenantId TenantId, string JobId, IReadOnlyList<TaggingItemRef> Items)
{
    /// <summary>Derived, tenant-first instance id: <c>{tenant}:tagging:{jobId}</c>.</summary>
    public string InstanceId => $"{TenantId}:tagging:{JobId}";
}

public sealed record TaggingChunkInput(TenantId TenantId, string JobId, int Chunk, IReadOnlyList<TaggingItemRef> Items);

public sealed record TaggingJobStatusInput(TenantId TenantId, string JobId, string? Error = null);

/// <param name="ItemErrors">Items the model gave no usable answer for (they carry an error; the job still completes).</param>
public sealed record TaggingJobResult(string JobId, int Items, int ItemErrors);
