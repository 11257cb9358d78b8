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
    string Status = NotificationRecord.Pending,
    DateTimeOffset? SentAt = null) : IStoredRecord
{
    public const string Pending = "pending";

    /// <summary>Written by versions before 2026-12-06, which re-wrote each published record; never written now, and skipped like any non-pending status.</summary>
    public const string Sent = "sent";

    public static string Container => Containers.Notifications;

    public string PartitionKey => RecipientId;
}

public static class NotificationKinds
{
    public const string ResultsReleased = "results-released";
    public const string ReviewReminder = "review-reminder";
    public const string ReviewEscalation = "review-escalation";
}
