using EdTech.Application.Content.Taxonomy;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// Ranks a taxonomy's skills against one item (the offline tagger's BM25), so the chat model is shown a bounded
/// candidate list when the taxonomy is too large to send whole (<see cref="TaggingPrompt"/>).
/// </summary>
public interface ISkillRanker
{
    /// <summary>At most <paramref name="max"/> skill ids, best first; only skills with some relevance (may be fewer, or none).</summary>
    IReadOnlyList<string> Rank(SkillTaxonomy taxonomy, AssessmentItem item, int max);
}
