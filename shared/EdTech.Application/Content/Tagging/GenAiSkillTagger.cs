using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Content;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// The chat model's skills for an item, constrained to the tenant's taxonomy: the model is shown the candidate skills
/// (<see cref="TaggingPrompt"/>) and answers with a schema whose skill field is an enum of their ids; ids outside it are
/// dropped and counted (<see cref="SkillSuggestion.Dropped"/>). Difficulty easy/medium/hard → 2/3/4. The offline tagger
/// answers instead, saying why in the rationale, when the tenant's monthly token budget is spent
/// (<see cref="TaggingTokenBudget"/>), when no candidate skill is left, or when the model gives no usable answer
/// (unreachable after the retries, timed out, or unusable twice). The tenant is the taxonomy's.
/// </summary>
public sealed partial class GenAiSkillTagger(IChatClient chat, ISkillTagger fallback, ISkillRanker ranker, TaggingTokenBudget budget, ILogger<ItemTagger> logger) : ISkillTagger
{
    private readonly ItemTagger _tagger = new(chat, logger);

    public TaggerInfo Tagger { get; } = new("genai", chat.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown");

    public async Task<TagSuggestion> TagAsync(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        if (await budget.IsSpentAsync(taxonomy.Tenant, ct).ConfigureAwait(false))
        {
            LogBudgetSpent(logger, taxonomy.Tenant.Value, target.AssessmentId, target.ItemId);
            return await OfflineAsync(taxonomy, target, item, "The tenant's monthly token budget for the chat model is spent; tagged offline. ", 0, ct).ConfigureAwait(false);
        }

        var candidates = TaggingPrompt.CandidatesFor(taxonomy, item, ranker);
        if (candidates.Count == 0)
        {
            return await OfflineAsync(taxonomy, target, item, "No taxonomy skill is a candidate for the chat model; tagged offline. ", 0, ct).ConfigureAwait(false);
        }

        var answer = await _tagger.TagAsync(target, item, candidates, ct).ConfigureAwait(false);
        if (answer.Tokens > 0)
        {
            await budget.AddAsync(taxonomy.Tenant, answer.Tokens, ct).ConfigureAwait(false);
            Telemetry.EdTechTelemetry.TaggingTokens.Add(answer.Tokens, Telemetry.TenantTag.Of(taxonomy.Tenant));
        }

        if (answer.Error is { } error)
        {
            LogFallback(logger, target.AssessmentId, target.ItemId, error);
            return await OfflineAsync(taxonomy, target, item, $"The chat model gave no usable answer ({error}); tagged offline. ", answer.Dropped, ct).ConfigureAwait(false);
        }

        var level = answer.Difficulty switch { "easy" => 2, "medium" => 3, _ => 4 };
        var skills = answer.Skills.Select(id => new SkillConfidence(id, null)).ToList();
        var suggestion = new SkillSuggestion(skills, level, DifficultyEstimate.Of(item).Bloom, answer.Rationale, Tagger, answer.Dropped);
        return new TagSuggestion(target.ItemId, target.AssessmentId, answer.Skills, answer.Difficulty, answer.Rationale, null, suggestion);
    }

    /// <summary>The offline tagger's suggestion with <paramref name="why"/> before its rationale (and the model's dropped ids, if any).</summary>
    private async Task<TagSuggestion> OfflineAsync(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item, string why, int dropped, CancellationToken ct)
    {
        var offline = await fallback.TagAsync(taxonomy, target, item, ct).ConfigureAwait(false);
        return offline with
        {
            Rationale = why + offline.Rationale,
            Suggestion = offline.Suggestion is { } s ? s with { Rationale = why + s.Rationale, Dropped = s.Dropped + dropped } : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat model gave no usable tags for {AssessmentId}/{ItemId} ({Reason}); offline tagger used")]
    private static partial void LogFallback(ILogger logger, string assessmentId, string itemId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly chat-model token budget of {TenantId} is spent; {AssessmentId}/{ItemId} tagged offline")]
    private static partial void LogBudgetSpent(ILogger logger, string tenantId, string assessmentId, string itemId);
}
