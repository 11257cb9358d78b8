using System.Text.Json.Serialization;
using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>One item of an assessment, as a tagging job addresses it.</summary>
public sealed record TaggingItemRef(string AssessmentId, string ItemId);

/// <summary>
/// A content-tagging job: counts and status only. Its item refs live in <see cref="TaggingPageRecord"/>s
/// (<see cref="PageSize"/> refs each) and its suggestions in <see cref="TaggingChunkRecord"/>s (<see cref="ChunkSize"/>
/// items each), all in the job's partition, so a 100,000-item job is many small documents, never one huge one.
/// Progress: <see cref="ItemsDone"/>/<see cref="ItemsFailed"/> count the pages already finished (<see cref="PagesDone"/>);
/// <see cref="Tallies"/> hold the running page's finished chunks, one entry per chunk (a replayed chunk replaces its
/// own entry, so it is never counted twice) until the page is folded into the counts.
/// </summary>
/// <param name="Total">Items in the job.</param>
/// <param name="ItemsDone">Items finished (tagged or failed) in the finished pages.</param>
/// <param name="ItemsFailed">Of those, the items that got an error instead of a suggestion.</param>
public sealed record TaggingJobRecord(
    string Id,
    TaggingJobStatus Status,
    string? CourseId,
    int Total,
    int PageSize,
    int ChunkSize,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt = null,
    string? Error = null,
    int PagesDone = 0,
    int ItemsDone = 0,
    int ItemsFailed = 0,
    IReadOnlyList<TaggingChunkTally>? Tallies = null) : IStoredRecord
{
    /// <summary>Item refs per <see cref="TaggingPageRecord"/> (about 100 KB of ids: far below Cosmos' 2 MB item limit).</summary>
    public const int DefaultPageSize = 1000;

    /// <summary>Items per chunk activity (each is one model call; a page is <see cref="DefaultPageSize"/> / this many chunks).</summary>
    public const int DefaultChunkSize = 5;

    public static string Container => Containers.TaggingJobs;

    public string PartitionKey => Id;

    /// <summary>How many page records hold the job's refs.</summary>
    [JsonIgnore]
    public int Pages => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;

    /// <summary>Finished items so far: the finished pages plus the running page's finished chunks.</summary>
    [JsonIgnore]
    public int DoneNow => ItemsDone + (Tallies?.Sum(t => t.Done) ?? 0);

    [JsonIgnore]
    public int FailedNow => ItemsFailed + (Tallies?.Sum(t => t.Failed) ?? 0);

    public static string? PartitionOf(string id) => id;

    /// <summary>Items in page <paramref name="page"/> (every page is full but the last).</summary>
    public int ItemsIn(int page) => Math.Clamp(Total - (page * PageSize), 0, PageSize);

    /// <summary>Chunks in page <paramref name="page"/>.</summary>
    public int ChunksIn(int page) => (ItemsIn(page) + ChunkSize - 1) / ChunkSize;
}

/// <summary>One finished chunk of the running page: how many items it finished and how many of them failed.</summary>
public sealed record TaggingChunkTally(int Chunk, int Done, int Failed);

/// <summary>Page <see cref="Page"/> of a job's item refs, in job order (written before the job record, never changed).</summary>
public sealed record TaggingPageRecord(string Id, string JobId, int Page, IReadOnlyList<TaggingItemRef> Items) : IStoredRecord
{
    public static string Container => Containers.TaggingJobs;

    public string PartitionKey => JobId;

    public static string IdFor(string jobId, int page) => $"{jobId}.page-{page}";
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

/// <summary>The suggestions (or errors) of chunk <see cref="Chunk"/> of page <see cref="Page"/>, in the page's order.</summary>
public sealed record TaggingChunkRecord(string Id, string JobId, int Page, int Chunk, IReadOnlyList<TagSuggestion> Items) : IStoredRecord
{
    public static string Container => Containers.TaggingJobs;

    public string PartitionKey => JobId;

    public static string IdFor(string jobId, int page, int chunk) => $"{jobId}.chunk-{page}-{chunk}";
}
