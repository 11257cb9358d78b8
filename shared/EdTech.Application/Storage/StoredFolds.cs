using System.Text.Json;
using EdTech.Domain.Tenancy;

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
    public static int RecordsIn(string json) => 1 + LengthOf(json, Property);

    /// <summary>
    /// How many elements the stored document's top-level array <paramref name="property"/> holds (0 when it has none); the
    /// document is parsed only when its text names the property.
    /// </summary>
    public static int LengthOf(string json, string property)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains($"\"{property}\"", StringComparison.Ordinal))
        {
            return 0;
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;
    }

    /// <summary>
    /// Creates a folded document (its head <paramref name="record"/> carrying <paramref name="folded"/>). When a document with the
    /// head's id already exists (a retried step whose first attempt stored the head alone), each folded record that document does
    /// not hold (<paramref name="expand"/>) is created alone, as it would have been without folding. Returns the store's answer
    /// for the head: its status and the stored document (the one that was already there, when it existed).
    /// </summary>
    public static async Task<(WriteStatus Status, Versioned<T>? Stored)> CreateAsync<T>(
        IDocumentStore store, TenantId tenant, T record, IReadOnlyList<T>? folded, Func<T, IEnumerable<T>> expand, CancellationToken ct)
        where T : class, IStoredRecord
    {
        ArgumentNullException.ThrowIfNull(expand);
        var (status, stored) = await store.CreateAsync(tenant, record, ct).ConfigureAwait(false);
        if (status == WriteStatus.AlreadyExists && folded is { Count: > 0 } && stored is not null)
        {
            var held = expand(stored.Value).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var rest in folded.Where(e => !held.Contains(e.Id)))
            {
                await store.CreateAsync(tenant, rest, ct).ConfigureAwait(false);
            }
        }

        return (status, stored);
    }
}
