using System.Text.Json;
using EdTech.Application.Content.Taxonomy;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// What the chat model is shown for one item: the candidate skills (the whole taxonomy when it is small, else the offline
/// ranker's best <see cref="Shortlist"/>) and the item, both as one JSON object between fixed delimiters in the user
/// message. The JSON encoder escapes <c>&lt;</c>, <c>&gt;</c>, quotes and control characters, so nothing in an item or a
/// skill can close the data block or pose as a message of its own. See docs/genai.md.
/// </summary>
public static class TaggingPrompt
{
    /// <summary>A taxonomy of at most this many skills is sent whole; a larger one as the ranker's shortlist.</summary>
    public const int WholeTaxonomyUpTo = 40;

    /// <summary>Candidates sent for a larger taxonomy (the offline ranker's best, skills sharing no word with the item left out).</summary>
    public const int Shortlist = 20;

    public const int MaxDescriptionLength = 200;

    public const string DataStart = "<<<EDTECH_DATA";
    public const string DataEnd = "EDTECH_DATA>>>";

    public static IReadOnlyList<TaxonomySkill> CandidatesFor(SkillTaxonomy taxonomy, AssessmentItem item, ISkillRanker ranker)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(ranker);
        if (taxonomy.Skills.Count <= WholeTaxonomyUpTo)
        {
            return taxonomy.Skills;
        }

        var byId = taxonomy.Skills.ToDictionary(s => s.SkillId, StringComparer.Ordinal);
        return [.. ranker.Rank(taxonomy, item, Shortlist).Select(id => byId.GetValueOrDefault(id)).OfType<TaxonomySkill>()];
    }

    /// <summary>The user message: the data block (never the answer key, never anything about students).</summary>
    public static string DataMessage(IReadOnlyList<TaxonomySkill> candidates, AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(item);
        var data = JsonSerializer.Serialize(new
        {
            candidateSkills = candidates.Select(s => new { id = s.SkillId, name = s.Name, description = Short(s.Description) }),
            item = new { type = item.Type, prompt = item.Prompt, choices = item.Choices ?? [], existingSkills = item.Skills },
        });
        return $"{DataStart}\n{data}\n{DataEnd}";
    }

    private static string Short(string text) => text.Length <= MaxDescriptionLength ? text : text[..MaxDescriptionLength];
}
