using System.Text.Json;
using EdTech.Application.Records.Views;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// Reads the <c>responses</c> container, which holds two shapes: a submission's folded document
/// (<see cref="SubmissionResponsesRecord"/>, written now) and per-item documents (<see cref="ResponseRecord"/>, written before the
/// fold, never rewritten). Every reader sees answers: a folded document expands into its entries; a per-item document counts
/// only when no folded document of its submission is among the documents read (the folded one was written from it and wins), so
/// no answer is counted twice. docs/grading.md, "Responses: one document per submission".
/// </summary>
public static class StoredResponses
{
    private const string ItemsProperty = "items";

    /// <summary>The answers of a course (one query on its partition), each once, in id order.</summary>
    public static async Task<IReadOnlyList<ResponseRecord>> InCourseAsync(IDocumentStore store, TenantId tenant, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Expand(await store.QueryAsync(tenant, Containers.Responses, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false));
    }

    /// <summary>
    /// What is stored for one submission: its folded document (a point read), else its per-item documents from before the fold
    /// (one query on the id prefix "{submissionId}:" in the course partition; empty for every submission made since).
    /// </summary>
    public static async Task<(Versioned<SubmissionResponsesRecord>? Folded, IReadOnlyList<ResponseRecord> PerItem)> OfSubmissionAsync(
        IDocumentStore store, TenantId tenant, string courseId, string submissionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folded = await store.GetAsync<SubmissionResponsesRecord>(tenant, SubmissionResponsesRecord.IdFor(submissionId), courseId, ct).ConfigureAwait(false);
        if (folded is not null)
        {
            return (folded, []);
        }

        var query = new DocumentQuery(courseId, Conditions: [FieldCondition.Of("id", FieldMatchKind.StartsWith, ResponseRecord.IdFor(submissionId, string.Empty))]);
        var perItem = await store.QueryAsync<ResponseRecord>(tenant, query, ct).ConfigureAwait(false);
        return (null, [.. perItem.Select(r => r.Value)]);
    }

    /// <summary>The answers the documents hold, each once, in id order.</summary>
    public static IReadOnlyList<ResponseRecord> Expand(IEnumerable<StoredDocument> docs) =>
        [.. Entries(docs).Select(e => e.Expanded ?? TypedDocumentStore.Read<ResponseRecord>(e.PerItem!).Value)];

    /// <summary>
    /// The answers the documents hold as the JSON each had (or would have had) as its own document, each once, in id order: what
    /// the student export shows and the erasure counts. A per-item document is passed on as stored.
    /// </summary>
    public static IReadOnlyList<string> ExpandJson(IEnumerable<StoredDocument> docs) =>
        [.. Entries(docs).Select(e => e.Expanded is { } r ? TypedDocumentStore.Serialize(r) : e.PerItem!.Json)];

    private static IEnumerable<(string Id, ResponseRecord? Expanded, StoredDocument? PerItem)> Entries(IEnumerable<StoredDocument> docs)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var folded = new List<SubmissionResponsesRecord>();
        var perItem = new List<(StoredDocument Doc, string? SubmissionId)>();
        foreach (var doc in docs)
        {
            using var json = JsonDocument.Parse(doc.Json);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(ItemsProperty, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                folded.Add(root.Deserialize<SubmissionResponsesRecord>(EdTechJson.Options)!);
                continue;
            }

            var submission = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("submissionId", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
            perItem.Add((doc, submission));
        }

        var foldedSubmissions = folded.Select(f => f.SubmissionId).ToHashSet(StringComparer.Ordinal);
        var entries = new List<(string Id, ResponseRecord? Expanded, StoredDocument? PerItem)>();
        entries.AddRange(folded.SelectMany(f => f.Expand()).Select(r => (r.Id, (ResponseRecord?)r, (StoredDocument?)null)));
        entries.AddRange(perItem.Where(p => p.SubmissionId is null || !foldedSubmissions.Contains(p.SubmissionId))
            .Select(p => (p.Doc.Id, (ResponseRecord?)null, (StoredDocument?)p.Doc)));
        return entries.OrderBy(e => e.Id, StringComparer.Ordinal);
    }
}
