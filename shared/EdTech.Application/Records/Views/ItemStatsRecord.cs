using EdTech.Application.Storage;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Application.Records.Views;

/// <summary>
/// Per-item statistics in a course: attempts, right answers and the Elo difficulty (logits). Id "{assessmentId}:{itemId}".
/// The processed-marker per answer is its <see cref="ResponseRecord"/> (one small document each): a marker map inside this document
/// grew with every answer and made each update rewrite all of them (148 KB per item after 30,000 answers).
/// </summary>
public sealed record ItemStatsRecord(string Id, string CourseId, string AssessmentId, string ItemId, int Attempts, int Correct, double Difficulty) : IStoredRecord
{
    public static string Container => Containers.ItemStats;

    public string PartitionKey => CourseId;

    public static string IdFor(string assessmentId, string itemId) => $"{assessmentId}:{itemId}";
}
