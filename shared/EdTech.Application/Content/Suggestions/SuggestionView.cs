using EdTech.Application.Records;

namespace EdTech.Application.Content.Suggestions;

/// <summary>
/// A suggestion as GET /api/content/suggestions lists it: the tagging-job item shape (itemId, assessmentId, suggestedTags,
/// difficulty, rationale, suggestion) plus its status, course, the version and content hash it was made from, and the decision.
/// </summary>
public sealed record SuggestionView(
    string ItemId,
    string AssessmentId,
    IReadOnlyList<string> SuggestedTags,
    string? Difficulty,
    string? Rationale,
    SkillSuggestion? Suggestion,
    SuggestionStatus Status,
    string CourseId,
    int AssessmentVersion,
    string ContentHash,
    string Source,
    DateTimeOffset TaggedAt,
    SuggestionDecision? Decision)
{
    public static SuggestionView Of(ItemSuggestionRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.ItemId, r.AssessmentId, r.Item.SuggestedTags, r.Item.Difficulty, r.Item.Rationale, r.Item.Suggestion, r.Status, r.CourseId,
            r.AssessmentVersion, r.ContentHash, r.Source, r.TaggedAt, r.Decision);
    }
}
