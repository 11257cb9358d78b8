using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One integration event in the outbox (schema and ids in docs/integration-events.md). Written ahead of the change it announces,
/// with an id derived from that change, so a retried step writes nothing new; published by the integration-event
/// dispatcher when its change arrives (not re-written afterwards). <see cref="Partition"/> is the student for submission events (a student's export and
/// erasure find theirs) and the course for assessment events.
/// </summary>
/// <param name="Data">Flat string fields (numbers in invariant culture), as notifications carry them.</param>
/// <param name="Folded">
/// Events stored in this event's document after it (same partition and status): one write for several events. The dispatcher
/// publishes each as its own message with its own id; readers expand the document (<see cref="Outbox.IntegrationEventFolds"/>).
/// </param>
/// <param name="Notifications">
/// Notifications this document carries to the same recipient (the partition's student): the results-released notification
/// of a release. The integration-event dispatcher sends each as the message it would be from the <c>notifications</c>
/// outbox (same id and subject), so one document replaces two writes and two change-feed deliveries
/// (<see cref="Outbox.IntegrationEventFolds.Carrying"/>).
/// </param>
public sealed record IntegrationEventRecord(
    string Id,
    string Type,
    string Partition,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset OccurredAt,
    IntegrationEventStatus Status = IntegrationEventStatus.Pending,
    DateTimeOffset? SentAt = null,
    IReadOnlyList<IntegrationEventRecord>? Folded = null,
    IReadOnlyList<NotificationRecord>? Notifications = null) : IStoredRecord
{
    public static string Container => Containers.IntegrationEvents;

    public string PartitionKey => Partition;
}

public static class IntegrationEventTypes
{
    public const string ResultsReleased = "results-released";
    public const string GradeChanged = "grade-changed";
    public const string AssessmentPublished = "assessment-published";

    /// <summary>Kinds whose order matters to a consumer (a later grade or version supersedes an earlier one): one session per tenant.</summary>
    public static IReadOnlySet<string> Ordered { get; } = new HashSet<string>(StringComparer.Ordinal) { GradeChanged, AssessmentPublished };
}
