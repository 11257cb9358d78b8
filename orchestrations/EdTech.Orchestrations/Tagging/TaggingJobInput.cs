using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Tagging;

/// <summary>
/// One page's run of a tagging job: counts only, never the items (each chunk activity loads its slice of the page record).
/// The run for page <see cref="Page"/> continues as new with the next page, carrying <see cref="Done"/>/<see cref="Failed"/>.
/// </summary>
/// <param name="Total">Items in the job.</param>
/// <param name="PageSize">Item refs per page record.</param>
/// <param name="ChunkSize">Items per chunk activity.</param>
/// <param name="MaxConcurrentChunks">At most this many chunk activities in flight (<c>Tagging:MaxConcurrentChunks</c>).</param>
public sealed record TaggingJobInput(TenantId TenantId, string JobId, int Total, int PageSize, int ChunkSize, int MaxConcurrentChunks, int Page = 0, int Done = 0, int Failed = 0)
{
    /// <summary>Derived, tenant-first instance id: <c>{tenant}:tagging:{jobId}</c>.</summary>
    public string InstanceId => $"{TenantId}:tagging:{JobId}";

    public int Pages => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;

    /// <summary>Chunks in this input's page (every page is full but the last).</summary>
    public int ChunksInPage => ChunkSize <= 0 ? 0 : (Math.Clamp(Total - (Page * PageSize), 0, PageSize) + ChunkSize - 1) / ChunkSize;
}

/// <summary>Chunk <see cref="Chunk"/> of page <see cref="Page"/>: the activity reads the refs itself.</summary>
public sealed record TaggingChunkInput(TenantId TenantId, string JobId, int Page, int Chunk);

public sealed record TaggingPageInput(TenantId TenantId, string JobId, int Page);

public sealed record TaggingJobStatusInput(TenantId TenantId, string JobId, string? Error = null);

/// <param name="ItemErrors">Items the model gave no usable answer for (they carry an error; the job still completes).</param>
public sealed record TaggingJobResult(string JobId, int Items, int ItemErrors);
