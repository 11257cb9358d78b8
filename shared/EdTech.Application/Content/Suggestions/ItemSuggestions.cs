using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Suggestions;

/// <summary>The suggestions container: the current suggestion per item, written by tagging jobs and change-feed tagging.</summary>
public sealed class ItemSuggestions(IDocumentStore store, TimeProvider clock)
{
    /// <summary>Stores a fresh pending suggestion for the item (replacing an earlier one); a tagger error is not stored.</summary>
    public async Task<ItemSuggestionRecord?> SaveAsync(TenantId tenant, AssessmentRecord assessment, AssessmentItem item, TagSuggestion suggestion, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(suggestion);
        if (suggestion.Error is not null || suggestion.Suggestion is null)
        {
            return null;
        }

        var record = new ItemSuggestionRecord(
            ItemSuggestionRecord.IdOf(assessment.Id, item.Id), assessment.CourseId, assessment.Id, item.Id, SuggestionStatus.Pending,
            ItemContentHash.Of(item), assessment.Version, suggestion, source, clock.GetUtcNow());
        await store.ReplaceAsync(tenant, record, ifMatch: null, ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>Every stored suggestion of one assessment, by item id.</summary>
    public async Task<IReadOnlyDictionary<string, Versioned<ItemSuggestionRecord>>> OfAssessmentAsync(TenantId tenant, string courseId, string assessmentId, CancellationToken ct)
    {
        var found = await store.QueryAsync<ItemSuggestionRecord>(tenant, DocumentQuery.Where("assessmentId", assessmentId, partition: courseId), ct).ConfigureAwait(false);
        return found.ToDictionary(s => s.Value.ItemId, StringComparer.Ordinal);
    }

    /// <summary>The items of <paramref name="assessment"/> whose content differs from what their stored suggestion was made from (or that have none).</summary>
    public async Task<IReadOnlyList<ItemContent>> ChangedItemsAsync(TenantId tenant, AssessmentRecord assessment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var stored = await OfAssessmentAsync(tenant, assessment.CourseId, assessment.Id, ct).ConfigureAwait(false);
        return [.. assessment.Assessment.Items
            .Select(i => new ItemContent(i.Id, ItemContentHash.Of(i)))
            .Where(i => !stored.TryGetValue(i.ItemId, out var s) || s.Value.ContentHash != i.ContentHash)];
    }
}

/// <summary>An item and the hash of its content when the change was seen (<see cref="ItemContentHash"/>).</summary>
public sealed record ItemContent(string ItemId, string ContentHash);
