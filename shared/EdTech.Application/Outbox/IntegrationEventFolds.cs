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
/// its results-released event (<see cref="IntegrationEvents.GradedAndReleased"/>).
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

    /// <summary>The document's events: the head, then the folded ones, each with the document's status.</summary>
    public static IEnumerable<IntegrationEventRecord> Expand(IntegrationEventRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return [stored with { Folded = null }, .. (stored.Folded ?? []).Select(e => e with { Status = stored.Status, SentAt = stored.SentAt })];
    }

    /// <summary>
    /// A stored outbox document's JSON as one JSON per event, each as it would be stored alone (the export shows events);
    /// a document without folded events comes back unchanged.
    /// </summary>
    public static IEnumerable<string> ExpandJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return StoredFolds.RecordsIn(json) == 1
            ? [json]
            : Expand(JsonSerializer.Deserialize<IntegrationEventRecord>(json, EdTechJson.Options)!).Select(TypedDocumentStore.Serialize);
    }
}
