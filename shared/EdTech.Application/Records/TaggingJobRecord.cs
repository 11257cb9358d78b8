using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>One item of an assessment, as a tagging job addresses it.</summary>
public sealed record TaggingItemRef(string AssessmentId, string ItemId);

/// <summary>
/// A content-tagging job: its items (resolved when it was asked for) and status. Suggestions live in
/// <see cref="TaggingChunkRecord"/>s of the same partition, one per chunk, so chunks never contend.
/// </summary>
public sealed record TaggingJobRecord(
    string Id,
    string Status,
    string? CourseId,
    IReadOnlyList<TaggingItemRef> Items,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt = null,
    string? Error = null) : IStoredRecord
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static string Container => Containers.TaggingJobs;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}

/// <summary>The model's suggestion for one item, or why there is none. Never written onto the item's skills.</summary>
public sealed record TagSuggestion(string ItemId, string AssessmentId, IReadOnlyList<string> SuggestedTags, string? Difficulty, string? Rationale, string? Error = null);

public sealed record TaggingChunkRecord(string Id, string JobId, int Chunk, IReadOnlyList<TagSuggestion> Items) : IStoredRecord
{
    public static string Container => Containers.TaggingJobs;

    public string PartitionKey => JobId;

    public static string IdFor(string jobId, int chunk) => $"{jobId}.chunk-{chunk}";
}
