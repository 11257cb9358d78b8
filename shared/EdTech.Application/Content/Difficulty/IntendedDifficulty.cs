using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Content.Difficulty;

/// <summary>
/// What an author intends an item's difficulty to be (1..5): the level of its tagging suggestion when an author accepted it
/// and it was made from the item's current content (<see cref="ItemContentHash"/>); otherwise none. A pending suggestion or
/// the text estimate is a guess, not an intention, so it never raises <c>difficulty-mismatch</c> (the learned difficulty's
/// prior, <see cref="GetItemDifficultyHandler.PriorOf"/>, may still use them).
/// </summary>
public static class IntendedDifficulty
{
    public static int? Of(AssessmentItem item, ItemSuggestionRecord? suggestion)
    {
        ArgumentNullException.ThrowIfNull(item);
        return suggestion is { Status: SuggestionStatus.Accepted, Item.Suggestion: { } suggested } && suggestion.ContentHash == ItemContentHash.Of(item)
            ? suggested.Difficulty
            : null;
    }
}
