using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;

namespace EdTech.Application.Outbox;

/// <summary>
/// One outbox document holding several integration events: the head event at the top level, the others in
/// <see cref="IntegrationEventRecord.Folded"/>, sharing the head's partition and status (so its change hands them all to the
/// dispatcher, and a held head holds them all). The dispatcher publishes each with its own message id, the id it had as its own
/// document, so consumers' and the broker's de-duplication are unchanged; the export and the erasure count and show events, not
/// documents (docs/grading.md, "Folded writes"). The one fold written is an immediate release's grade-changed event carrying
/// its results-released event (<see cref="IntegrationEvents.GradedAndReleased"/>). A document may also carry the student's
/// notifications (<see cref="Carrying"/>): a release's results-released notification, sent by the same dispatcher as the
/// message the <c>notifications</c> outbox would send, shown by the export and counted by the erasure as notifications.
/// </summary>
public static class IntegrationEventFolds
{
    public static IntegrationEventRecord Of(IntegrationEventRecord head, params IntegrationEventRecord[] rest)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(rest);
        if (rest.Any(e => e.Partition != head.Partition || e.Status != head.Status || e.Folded is not null))
        {
            throw new ArgumentException("Only unfolded events with the head's partition and status fold into one document.", nameof(rest));
        }

        return head with { Folded = rest };
    }

    /// <summary>
    /// <paramref name="head"/> carrying <paramref name="notification"/> to the student it is about: one document, one write and one
    /// change-feed delivery instead of two each. Only a pending notification to the head's partition (its student) rides along,
    /// so the erasure guard (which reads the partition as the subject) holds it exactly as it would hold it alone.
    /// </summary>
    public static IntegrationEventRecord Carrying(IntegrationEventRecord head, NotificationRecord notification)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.RecipientId != head.Partition || notification.Status != NotificationStatus.Pending || head.Status != IntegrationEventStatus.Pending)
        {
            throw new ArgumentException("Only a pending notification to the pending event's own partition is carried in its document.", nameof(notification));
        }

        return head with { Notifications = [.. head.Notifications ?? [], notification] };
    }

    /// <summary>The document's events: the head, then the folded ones, each with the document's status (carried notifications left out).</summary>
    public static IEnumerable<IntegrationEventRecord> Expand(IntegrationEventRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return [stored with { Folded = null, Notifications = null }, .. (stored.Folded ?? []).Select(e => e with { Status = stored.Status, SentAt = stored.SentAt })];
    }

    /// <summary>The notifications the document carries, as each would be stored alone.</summary>
    public static IReadOnlyList<NotificationRecord> NotificationsOf(IntegrationEventRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Notifications ?? [];
    }

    /// <summary>How many notifications a stored outbox document carries (0 for most documents), without deserializing it.</summary>
    public static int NotificationsIn(string json) => StoredFolds.LengthOf(json, NotificationsProperty);

    /// <summary>A stored outbox document's carried notifications as JSON, each as it would be stored alone (none for most documents).</summary>
    public static IEnumerable<string> NotificationsJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CarriesNotifications(json)
            ? NotificationsOf(JsonSerializer.Deserialize<IntegrationEventRecord>(json, EdTechJson.Options)!).Select(TypedDocumentStore.Serialize)
            : [];
    }

    /// <summary>
    /// A stored outbox document's JSON as one JSON per event, each as it would be stored alone (the export shows events);
    /// a document without folded events comes back unchanged.
    /// </summary>
    public static IEnumerable<string> ExpandJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return StoredFolds.RecordsIn(json) == 1 && !CarriesNotifications(json)
            ? [json]
            : Expand(JsonSerializer.Deserialize<IntegrationEventRecord>(json, EdTechJson.Options)!).Select(TypedDocumentStore.Serialize);
    }

    /// <summary>The JSON name of <see cref="IntegrationEventRecord.Notifications"/>.</summary>
    private const string NotificationsProperty = "notifications";

    private static bool CarriesNotifications(string json) => json.Contains($"\"{NotificationsProperty}\"", StringComparison.Ordinal);
}
