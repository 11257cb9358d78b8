using System.Collections.Concurrent;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;

namespace EdTech.Bff.Tests.Content;

/// <summary>The real tagger, counting what it is asked to tag: (assessment, item, prompt) per call.</summary>
public sealed class CountingTagger(ISkillTagger inner) : ISkillTagger
{
    public ConcurrentQueue<(string AssessmentId, string ItemId, string Prompt)> Calls { get; } = new();

    public TaggerInfo Tagger => inner.Tagger;

    public int CallsFor(string assessmentId, string itemId) => Calls.Count(c => c.AssessmentId == assessmentId && c.ItemId == itemId);

    public Task<TagSuggestion> TagAsync(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        Calls.Enqueue((target.AssessmentId, target.ItemId, item.Prompt));
        return inner.TagAsync(taxonomy, target, item, ct);
    }
}
