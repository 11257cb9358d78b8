using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One outbox entry: written by a workflow step (id derived from what it announces, so a retried step
/// writes nothing new), published by the notification dispatcher when its change arrives (not re-written afterwards).
/// Partitioned by recipient, so a student's erasure and export find theirs.
/// </summary>
public sealed record NotificationRecord(
    string Id,
    string RecipientId,
    string Kind,
    string Subject,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt,
    NotificationStatus Status = NotificationStatus.Pending,
    DateTimeOffset? SentAt = null) : IStoredRecord
{
    public static string Container => Containers.Notifications;

    public string PartitionKey => RecipientId;
}

public static class NotificationKinds
{
    public const string ResultsReleased = "results-released";
    public const string ReviewReminder = "review-reminder";
    public const string ReviewEscalation = "review-escalation";
}
