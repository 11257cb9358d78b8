using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// The chat-model tokens (input + output) the tagger used for one tenant in one calendar month (UTC), id and partition
/// <c>yyyy-MM</c>. Incremented with an ETag-checked replace, so concurrent taggings never lose a count.
/// </summary>
public sealed record TaggingTokenUsageRecord(string Id, long Used, long Calls, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.TaggingUsage;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
