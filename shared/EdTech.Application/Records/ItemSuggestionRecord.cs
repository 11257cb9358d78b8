using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// The current tagging suggestion for one assessment item, waiting for a content author (pending) or decided (accepted,
/// rejected). Kept in its own container, never on the assessment, so writing one changes no assessment and cannot
/// re-trigger tagging. Partitioned by course: a course's suggestions are one single-partition query; a suggestion is a
/// point read once its assessment (hence its course) is known. <see cref="ContentHash"/> is the hash of what was tagged
/// (<see cref="Content.Tagging.ItemContentHash"/>): an item whose content still has this hash is never tagged again.
/// </summary>
/// <param name="Source">"auto" (the change feed) or the id of the tagging job that made it.</param>
/// <param name="AssessmentVersion">The assessment version whose item was tagged.</param>
public sealed record ItemSuggestionRecord(
    string Id,
    string CourseId,
    string AssessmentId,
    string ItemId,
    SuggestionStatus Status,
    string ContentHash,
    int AssessmentVersion,
    TagSuggestion Item,
    string Source,
    DateTimeOffset TaggedAt) : IStoredRecord
{
    public const string AutoSource = "auto";

    public static string Container => Containers.TaggingSuggestions;

    public string PartitionKey => CourseId;

    /// <summary>Who decided, when, and what the item's skills were before and after (null while pending).</summary>
    public SuggestionDecision? Decision { get; init; }

    /// <summary>':' never occurs in an id, so assessment and item ids cannot run together.</summary>
    public static string IdOf(string assessmentId, string itemId) => $"{assessmentId}:{itemId}";

    /// <summary>The skill ids the tagger suggested, best first (empty when it found none or failed).</summary>
    public IReadOnlyList<string> SuggestedSkillIds => Item.Suggestion?.Skills.Select(s => s.SkillId).ToList() ?? [];
}

/// <param name="AppliedVersion">The assessment version carrying the accepted skills (null when rejected, or unchanged skills).</param>
public sealed record SuggestionDecision(string By, DateTimeOffset At, IReadOnlyList<string> PreviousSkills, IReadOnlyList<string>? AcceptedSkills, int? AppliedVersion);
