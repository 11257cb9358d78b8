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
public sealed record IntegrationEventRecord(
    string Id,
    string Type,
    string Partition,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset OccurredAt,
    string Status = IntegrationEventRecord.Pending,
    DateTimeOffset? SentAt = null,
    IReadOnlyList<IntegrationEventRecord>? Folded = null) : IStoredRecord
{
    public const string Pending = "pending";

    /// <summary>Written by versions before 2026-12-06, which re-wrote each published record; never written now, and skipped like any non-pending status.</summary>
    public const string Sent = "sent";

    /// <summary>
    /// Written ahead of a conditional write that may lose its race (a teacher's grade, an assessment edit): not published until the
    /// write succeeds and releases it to <see cref="Pending"/>, so the outbox never announces a change that did not happen.
    /// </summary>
    public const string Held = "held";

    /// <summary>The change it announced did not happen (the write lost a race): never published.</summary>
    public const string Cancelled = "cancelled";

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
