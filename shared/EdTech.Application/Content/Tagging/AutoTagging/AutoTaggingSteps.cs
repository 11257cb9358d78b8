using EdTech.Application.Audit;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Tagging.AutoTagging;

/// <summary>
/// The steps of a change-feed tagging run (its durable activities call them; each is idempotent). After the debounce the
/// item is read again at its latest version: an item whose content moved on since the change is left to the newer change's
/// run, an item whose stored suggestion was made from this very content is not tagged again (the content hash), and a tenant
/// that switched auto-tagging off meanwhile gets nothing.
/// </summary>
public sealed partial class AutoTaggingSteps(
    IDocumentStore store, ISkillTagger tagger, SkillTaxonomyStore taxonomies, ItemSuggestions suggestions, TaggingFeatures features,
    AcceptSuggestionsAbove acceptAbove, AutoTaggingSettings settings, ILogger<AutoTaggingSteps> logger)
{
    /// <summary>Tags the items still as <paramref name="items"/> saw them and not yet tagged at that content; returns the items tagged.</summary>
    public async Task<IReadOnlyList<string>> TagAsync(TenantId tenant, string assessmentId, IReadOnlyList<ItemContent> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(await features.ReadAsync(tenant, ct).ConfigureAwait(false)).AutoTag
            || await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false) is not { } stored)
        {
            return [];
        }

        var assessment = stored.Value;
        var existing = await suggestions.OfAssessmentAsync(tenant, assessment.CourseId, assessmentId, ct).ConfigureAwait(false);
        var due = items
            .Select(seen => (Seen: seen, Item: assessment.Assessment.Items.FirstOrDefault(i => i.Id == seen.ItemId)))
            .Where(x => x.Item is not null && ItemContentHash.Of(x.Item) == x.Seen.ContentHash)
            .Where(x => !existing.TryGetValue(x.Seen.ItemId, out var s) || s.Value.ContentHash != x.Seen.ContentHash)
            .Select(x => x.Item!)
            .ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var taxonomy = await taxonomies.LoadAsync(tenant, ct).ConfigureAwait(false);
        var tagged = new List<string>(due.Count);
        foreach (var item in due)
        {
            var suggestion = await tagger.TagAsync(taxonomy, new TaggingItemRef(assessmentId, item.Id), item, ct).ConfigureAwait(false);
            if (await suggestions.SaveAsync(tenant, assessment, item, suggestion, ItemSuggestionRecord.AutoSource, ct).ConfigureAwait(false) is not null)
            {
                tagged.Add(item.Id);
            }
        }

        LogTagged(logger, tagged.Count, assessmentId, tenant.Value, assessment.Version);
        return tagged;
    }

    /// <summary>For a tenant with auto-apply on: accepts the run's new suggestions whose every skill reaches the configured confidence.</summary>
    public async Task<int> AutoApplyAsync(TenantId tenant, string assessmentId, IReadOnlyList<string> itemIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0
            || !(await features.ReadAsync(tenant, ct).ConfigureAwait(false)).AutoApply
            || await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false) is not { } stored)
        {
            return 0;
        }

        var result = await acceptAbove.AcceptAsync(tenant, stored.Value.CourseId, assessmentId, settings.AutoApplyConfidence, AuditActions.AutoTagger,
            AuditActions.SystemRoles, itemIds.ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        return result.Accepted.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tagged {Count} changed items of {AssessmentId} in {TenantId} (version {Version})")]
    private static partial void LogTagged(ILogger logger, int count, string assessmentId, string tenantId, int version);
}
