using System.Text.Json;

namespace EdTech.Application.Storage;

/// <summary>
/// Documents that hold several records (the head's fields at the top level, the rest in a <c>folded</c> array): the audit
/// log's graded-and-released entries and the outbox's grade-changed and results-released events (docs/grading.md, "Folded
/// writes"). What counts documents as records (the erasure's summary) counts through here.
/// </summary>
public static class StoredFolds
{
    public const string Property = "folded";

    /// <summary>How many records the stored document holds: 1, plus its folded ones.</summary>
    public static int RecordsIn(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains($"\"{Property}\"", StringComparison.Ordinal))
        {
            return 1;
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(Property, out var folded) && folded.ValueKind == JsonValueKind.Array ? 1 + folded.GetArrayLength() : 1;
    }
}
