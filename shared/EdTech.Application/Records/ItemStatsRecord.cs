using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>How one submission moved an item's statistics: its outcome and the Elo step size used, so a regrade can correct it exactly.</summary>
public sealed record AppliedAnswer(bool Correct, double K);

/// <summary>
/// Per-item statistics in a course: attempts, right answers and the Elo difficulty (logits). Id "{assessmentId}:{itemId}".
/// <see cref="Applied"/> is the processed-marker per submission, kept in the same document so a count and its marker are one write.
/// </summary>
public sealed record ItemStatsRecord(string Id, string CourseId, string AssessmentId, string ItemId, int Attempts, int Correct, double Difficulty,
    IReadOnlyDictionary<string, AppliedAnswer> Applied) : IStoredRecord
{
    public static string Container => Containers.ItemStats;

    public string PartitionKey => CourseId;

    public static string IdFor(string assessmentId, string itemId) => $"{assessmentId}:{itemId}";
}
