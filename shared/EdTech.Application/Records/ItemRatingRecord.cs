using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>A student's rating of one item; one per student and item (re-rating replaces it). Id "{assessmentId}:{itemId}:{userId}".</summary>
public sealed record ItemRatingRecord(string Id, string CourseId, string AssessmentId, string ItemId, string UserId, bool Helpful, string? Comment, DateTimeOffset RatedAt) : IStoredRecord
{
    public static string Container => Containers.ItemRatings;

    public string PartitionKey => CourseId;

    public static string IdFor(string assessmentId, string itemId, string userId) => $"{assessmentId}:{itemId}:{userId}";
}
