using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Content;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// The chat model's tags (<see cref="ItemTagger"/>), kept where they name a taxonomy skill (by id, kebab-cased id or
/// kebab-cased name; the rest are dropped and counted), difficulty easy/medium/hard as 2/3/4. When the model gives no
/// usable answer (unreachable, timed out after the client's retries, or unusable twice) the item is tagged by the
/// offline tagger instead, saying so in the rationale.
/// </summary>
public sealed partial class GenAiSkillTagger(IChatClient chat, ISkillTagger fallback, ILogger<ItemTagger> logger) : ISkillTagger
{
    private readonly ItemTagger _tagger = new(chat, logger);

    public TaggerInfo Tagger { get; } = new("genai", chat.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown");

    public async Task<TagSuggestion> TagAsync(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var answer = await _tagger.TagAsync(target, item, ct).ConfigureAwait(false);
        if (answer.Error is { } error)
        {
            LogFallback(logger, target.AssessmentId, target.ItemId, error);
            var offline = await fallback.TagAsync(taxonomy, target, item, ct).ConfigureAwait(false);
            var why = $"The chat model gave no usable answer ({error}); tagged offline. ";
            return offline with { Rationale = why + offline.Rationale, Suggestion = offline.Suggestion! with { Rationale = why + offline.Suggestion.Rationale } };
        }

        var matched = answer.SuggestedTags.Select(t => Match(taxonomy, t)).ToList();
        var skills = matched.OfType<string>().Distinct(StringComparer.Ordinal).Select(id => new SkillConfidence(id, null)).ToList();
        var level = answer.Difficulty switch { "easy" => 2, "medium" => 3, _ => 4 };
        var suggestion = new SkillSuggestion(skills, level, DifficultyEstimate.Of(item).Bloom, answer.Rationale, Tagger, matched.Count(m => m is null));
        return answer with { Suggestion = suggestion };
    }

    private static string? Match(SkillTaxonomy taxonomy, string tag) =>
        taxonomy.Skills.FirstOrDefault(s => string.Equals(s.SkillId, tag, StringComparison.OrdinalIgnoreCase)
            || TagAnswerSchema.Normalize(s.SkillId) == tag || TagAnswerSchema.Normalize(s.Name) == tag)?.SkillId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat model gave no usable tags for {AssessmentId}/{ItemId} ({Reason}); offline tagger used")]
    private static partial void LogFallback(ILogger logger, string assessmentId, string itemId, string reason);
}
