using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One learning event a student's app posted. Id "{userId}:{eventId}" (the client's event id, scoped to its student so one
/// student's ids can never collide with, or probe, another's); partitioned by the student, so export and erasure find them.
/// </summary>
public sealed record UsageEventRecord(
    string Id, string EventId, string UserId, string CourseId, string Verb, string ObjectType, string ObjectId, DateTimeOffset At, double? DurationSeconds,
    DateTimeOffset ReceivedAt) : IStoredRecord
{
    public static string Container => Containers.UsageEvents;

    public string PartitionKey => UserId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string userId, string eventId) => $"{userId}:{eventId}";
}
