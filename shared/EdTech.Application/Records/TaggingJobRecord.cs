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

/// <summary>
/// A tagger's suggestion for one item, or why there is none. Never written onto the item's skills.
/// <see cref="SuggestedTags"/>, <see cref="Difficulty"/> (easy/medium/hard) and <see cref="Rationale"/> are the v1 fields;
/// <see cref="Suggestion"/> is the v2 shape (taxonomy skills with confidence, difficulty 1-5, Bloom level, tagger).
/// </summary>
public sealed record TagSuggestion(
    string ItemId,
    string AssessmentId,
    IReadOnlyList<string> SuggestedTags,
    string? Difficulty,
    string? Rationale,
    string? Error = null,
    SkillSuggestion? Suggestion = null);

/// <param name="Name">"offline" or "genai".</param>
/// <param name="Version">The offline tagger's method version, or the chat model's id.</param>
public sealed record TaggerInfo(string Name, string Version);

/// <param name="Confidence">0..1; null when the tagger gives none (the chat model).</param>
public sealed record SkillConfidence(string SkillId, double? Confidence);

/// <param name="Difficulty">1 easiest … 5 hardest.</param>
/// <param name="Dropped">Skills the tagger named that are not in the taxonomy (left out of <paramref name="Skills"/>).</param>
public sealed record SkillSuggestion(IReadOnlyList<SkillConfidence> Skills, int Difficulty, string? Bloom, string? Rationale, TaggerInfo Tagger, int Dropped = 0)
{
    /// <summary>The v1 difficulty word of a 1-5 level.</summary>
    public static string WordOf(int level) => level <= 2 ? "easy" : level == 3 ? "medium" : "hard";
}

public sealed record TaggingChunkRecord(string Id, string JobId, int Chunk, IReadOnlyList<TagSuggestion> Items) : IStoredRecord
{
    public static string Container => Containers.TaggingJobs;

    public string PartitionKey => JobId;

    public static string IdFor(string jobId, int chunk) => $"{jobId}.chunk-{chunk}";
}
