using System.Collections.Concurrent;
using System.Globalization;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Content;

namespace EdTech.Infrastructure.Tagging;

/// <summary>
/// Tags without any cloud service: ranks the tenant's taxonomy against the item's prompt, choices, answer and
/// existing skills with BM25 (<see cref="Bm25SkillIndex"/>), and estimates difficulty and Bloom level from the
/// item's wording and form (<see cref="DifficultyEstimate"/>). Deterministic: the same item and taxonomy give the
/// same suggestion. docs/content-intelligence.md has the method and its measured quality.
/// </summary>
public sealed class OfflineSkillTagger : ISkillTagger, ISkillRanker, IDisposable
{
    public const string Name = "offline";

    /// <summary>Bump when the ranking or the difficulty rules change, so stored suggestions say which method made them.</summary>
    public const string MethodVersion = "bm25-1";

    /// <summary>Skills suggested at most, and the least confidence a skill after the first needs to be suggested.</summary>
    public const int MaxSkills = 3;
    public const double MinConfidence = 0.15;

    private const int CachedIndexes = 64;
    private const int Candidates = 10;

    // Built indexes by taxonomy fingerprint (tenant + content hash): a job's chunks reuse one index; an edit makes a new one.
    private readonly ConcurrentDictionary<string, Lazy<Bm25SkillIndex>> _indexes = new(StringComparer.Ordinal);

    public TaggerInfo Tagger { get; } = new(Name, MethodVersion);

    public Task<TagSuggestion> TagAsync(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        return Task.FromResult(Tag(taxonomy, target, item));
    }

    public TagSuggestion Tag(SkillTaxonomy taxonomy, TaggingItemRef target, AssessmentItem item)
    {
        var hits = IndexOf(taxonomy).Search(TextOf(item), Candidates);
        var skills = Confidences(hits);
        var difficulty = DifficultyEstimate.Of(item);
        var rationale = skills.Count == 0
            ? (taxonomy.Skills.Count == 0 ? "The taxonomy has no skills yet." : "No taxonomy skill shares a word with the item.")
            : $"Best BM25 match to the taxonomy: {string.Join(", ", skills.Select(s => $"{s.SkillId} ({s.Confidence!.Value.ToString("0.00", CultureInfo.InvariantCulture)})"))}; "
              + $"difficulty {difficulty.Level} from the item's form and wording (Bloom: {difficulty.Bloom}).";
        var suggestion = new SkillSuggestion(skills, difficulty.Level, difficulty.Bloom, rationale, Tagger);
        return new TagSuggestion(target.ItemId, target.AssessmentId, [.. skills.Select(s => s.SkillId)], SkillSuggestion.WordOf(difficulty.Level), rationale, null, suggestion);
    }

    public IReadOnlyList<string> Rank(SkillTaxonomy taxonomy, AssessmentItem item, int max)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(item);
        return [.. IndexOf(taxonomy).Search(TextOf(item), max).Select(h => h.SkillId)];
    }

    /// <summary>What is ranked: everything a reader of the item sees plus the key and the author's skill names.</summary>
    public static string TextOf(AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var answer = item.Answer is { } a ? a.Text ?? string.Join(' ', a.Choices ?? []) : "";
        return string.Join(" \n ", [item.Prompt, .. item.Choices ?? [], answer, .. item.Skills]);
    }

    /// <summary>
    /// Confidence = softmax of the top candidates' BM25 scores: a skill far ahead of the rest gets most of the mass,
    /// near-ties share it. The first skill is always suggested; the next up to <see cref="MaxSkills"/> when at
    /// least <see cref="MinConfidence"/>.
    /// </summary>
    public static IReadOnlyList<SkillConfidence> Confidences(IReadOnlyList<(string SkillId, float Score)> hits)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        var max = hits[0].Score;
        var weights = hits.Select(h => Math.Exp(h.Score - max)).ToList();
        var sum = weights.Sum();
        return [.. hits.Select((h, i) => new SkillConfidence(h.SkillId, Math.Round(weights[i] / sum, 3)))
            .Where((s, i) => i == 0 || s.Confidence >= MinConfidence)
            .Take(MaxSkills)];
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values.Where(l => l.IsValueCreated))
        {
            index.Value.Dispose();
        }
    }

    private Bm25SkillIndex IndexOf(SkillTaxonomy taxonomy)
    {
        if (_indexes.Count >= CachedIndexes && !_indexes.ContainsKey(taxonomy.Fingerprint))
        {
            // Crude bound: indexes are cheap to rebuild (milliseconds for hundreds of skills) and only a job's chunks share one.
            _indexes.Clear();
        }

        return _indexes.GetOrAdd(taxonomy.Fingerprint, _ => new Lazy<Bm25SkillIndex>(() => new Bm25SkillIndex(taxonomy))).Value;
    }
}
