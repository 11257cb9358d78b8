using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// The tagging port: suggests skills of the tenant's taxonomy and a difficulty for one item. The offline tagger
/// (BM25 over the taxonomy, EdTech.Infrastructure) is the default; with a chat model configured the GenAI tagger
/// is used and falls back to the offline one (<see cref="GenAiSkillTagger"/>). Item text is data to rank, never
/// instructions. Returns an error suggestion rather than throwing for a bad item; throws only for infrastructure.
/// </summary>
public interface ISkillTagger
{
    TaggerInfo Tagger { get; }

    Task<TagSuggestion> TagAsync(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item, CancellationToken ct);
}
